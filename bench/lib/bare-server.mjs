// The thinnest possible server of the waste-create benchmark: `node:http` and `pg`, no framework,
// auth, validation or logging. It runs the same naive five-round-trip transaction as the raw `pg`
// side (BEGIN, insert the record, its audit entry, its rollup mark, COMMIT), the same for a patch
// (BEGIN, versioned UPDATE, audit entry, mark, COMMIT), and one SELECT for a list page.
//
//   BARE_DATABASE_URL=… BARE_PORT=… BARE_TRUST_ID=… BARE_USER_ID=… BARE_POOL_SIZE=32 node bench/lib/bare-server.mjs
import http from 'node:http';
import pg from 'pg';

const trustId = process.env.BARE_TRUST_ID;
const userId = process.env.BARE_USER_ID;
const pool = new pg.Pool({
  connectionString: process.env.BARE_DATABASE_URL,
  max: Number(process.env.BARE_POOL_SIZE ?? 32),
});

const COLUMNS = `id, trust_id AS "trustId", value_stream_id AS "valueStreamId", map_step_id AS "mapStepId",
  waste_type AS "wasteType", observed_on::text AS "observedOn", description, minutes_lost::float8 AS "minutesLost",
  occurrences, patient_impact AS "patientImpact", status, eliminated_on::text AS "eliminatedOn",
  improvement_event_id AS "improvementEventId", version, created_by AS "createdBy", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

/** The list page the API's `GET /api/waste-records?limit=…` reads: newest observedOn first, ties by id. */
const LIST_SQL = `SELECT ${COLUMNS} FROM waste_records WHERE trust_id = $1
  ORDER BY observed_on DESC, id DESC LIMIT $2`;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}));
    req.on('error', reject);
  });
}

async function inTransaction(fn) {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const result = await fn(c);
    await c.query('COMMIT');
    return result;
  } catch (error) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}

const changesOf = (body) =>
  JSON.stringify(Object.fromEntries(Object.entries(body).map(([k, v]) => [k, { before: null, after: v }])));

async function create(body) {
  return inTransaction(async (c) => {
    const { rows } = await c.query(
      `INSERT INTO waste_records (trust_id, waste_type, observed_on, description, minutes_lost, occurrences, patient_impact, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'identified', $8) RETURNING ${COLUMNS}`,
      [
        trustId,
        body.wasteType,
        body.observedOn,
        body.description,
        body.minutesLost,
        body.occurrences,
        body.patientImpact,
        userId,
      ],
    );
    await c.query(
      `INSERT INTO audit_entries (actor_id, action, entity, entity_id, trust_id, changes) VALUES ($1, 'create', 'waste_record', $2, $3, $4)`,
      [userId, rows[0].id, trustId, changesOf(body)],
    );
    await c.query(`INSERT INTO rollup_marks (trust_id, day) VALUES ($1, $2)`, [trustId, body.observedOn]);
    return { status: 201, body: rows[0] };
  });
}

async function patch(id, body) {
  return inTransaction(async (c) => {
    const { rows } = await c.query(
      `UPDATE waste_records SET minutes_lost = $3, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
      [id, body.version, body.minutesLost],
    );
    if (!rows[0]) return { status: 409, body: { statusCode: 409, message: 'version' } };
    await c.query(
      `INSERT INTO audit_entries (actor_id, action, entity, entity_id, trust_id, changes) VALUES ($1, 'update', 'waste_record', $2, $3, $4)`,
      [userId, id, trustId, JSON.stringify({ minutesLost: { before: null, after: body.minutesLost } })],
    );
    await c.query(`INSERT INTO rollup_marks (trust_id, day) VALUES ($1, $2)`, [trustId, rows[0].observedOn]);
    return { status: 200, body: rows[0] };
  });
}

async function list(limit) {
  const { rows } = await pool.query(LIST_SQL, [trustId, limit + 1]);
  return { status: 200, body: { items: rows.slice(0, limit), nextCursor: rows.length > limit ? 'more' : null } };
}

async function route(req) {
  const url = new URL(req.url, 'http://bare');
  if (req.method === 'POST' && url.pathname === '/waste-records') return create(await readBody(req));
  const match = /^\/waste-records\/([0-9a-f-]{36})$/.exec(url.pathname);
  if (req.method === 'PATCH' && match) return patch(match[1], await readBody(req));
  if (req.method === 'GET' && url.pathname === '/waste-records')
    return list(Number(url.searchParams.get('limit') ?? 50));
  if (req.method === 'GET' && url.pathname === '/health') return { status: 200, body: { ok: true } };
  return { status: 404, body: { statusCode: 404 } };
}

const server = http.createServer((req, res) => {
  route(req).then(
    ({ status, body }) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    },
    (error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 500, message: String(error.message) }));
    },
  );
});
server.listen(Number(process.env.BARE_PORT), '127.0.0.1', () => console.log('bare server ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));

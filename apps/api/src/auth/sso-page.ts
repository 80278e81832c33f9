// The plain pages single sign-on shows when it cannot sign someone in: no app, no script, just what
// happened, whom to ask and a way to start again.
const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function ssoRefusalPage(title: string, detail: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} – Kaizen Ledger</title>
<style>body{font-family:Arial,sans-serif;margin:0;color:#212b32;background:#f0f4f5}header{background:#005eb8;color:#fff;padding:16px 24px;font-weight:bold}main{max-width:640px;margin:32px auto;background:#fff;padding:24px;border-left:8px solid #d5281b}a{color:#005eb8}</style>
</head>
<body><header>Kaizen Ledger</header>
<main><h1 data-testid="sso-refusal">${escape(title)}</h1><p>${escape(detail)}</p>
<p><a href="/">Go to the sign-in page</a></p></main></body></html>`;
}

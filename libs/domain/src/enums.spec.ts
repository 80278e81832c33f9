import { ROLES } from './enums';
it('lists five roles', () => expect(ROLES).toHaveLength(5));

import { setUp } from './tempGuard';

export default setUp;

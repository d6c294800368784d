import { tearDown } from './tempGuard';

export default tearDown;

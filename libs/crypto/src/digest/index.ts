export { sha256 } from './sha256';
export {
  CONTROL_NUMBER_PATTERN,
  controlNumber,
  isControlNumber,
  parseControlNumber,
  verifyControlNumber,
} from './control-number';

import type { Import } from './import.entity';

export enum ImportEventName {
  /** An import finished (completed or failed); emitted after its transaction committed. */
  Completed = 'import.completed',
}

export interface ImportCompletedEvent {
  import: Import;
}

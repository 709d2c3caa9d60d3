/** What the describe endpoints answer (shared by the runtime endpoints and the editor pickers). */

export interface SfObjectInfo {
  name: string;
  label: string;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  custom: boolean;
}

export interface SfFieldInfo {
  name: string;
  label: string;
  type: string;
  externalId: boolean;
  idLookup: boolean;
  createable: boolean;
  updateable: boolean;
}

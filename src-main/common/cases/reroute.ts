// Correcting a case the gateway refused with department-not-routed (issue #14 item 4): what the clerk may choose.

/** A department the routing allows for the case's matter and locality. */
export interface RerouteOption {
  departmentId: string;
  departmentName: string;
  /** The catalogue version whose routing names it (the case's own, or the one in force). */
  catalogueVersion: string;
  /** True when it comes from the case's own catalogue version. */
  caseVersion: boolean;
}

/** The refused case's department and the departments the clerk may choose instead. */
export interface RerouteView {
  caseId: string;
  departmentId: string | null;
  departmentName: string | null;
  catalogueVersion: string;
  /** Whether the case is now waiting for that correction (refused with department-not-routed). */
  refused: boolean;
  options: RerouteOption[];
}

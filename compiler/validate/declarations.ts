// Rules on each declaration's options (PROTOCOL §1) that need no other
// declaration to check.
import type { FunctionDraft } from "../analyze/drafts.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

export function validateDeclaration(draft: FunctionDraft, report: (d: Diagnostic) => void): void {
  const { context, affects, methods, route } = draft.options;
  if (context && affects.length > 0) {
    report(diagnostic("MZ1007", "both", draft.location, draft.name, context.name));
  }
  if (context && draft.options.private) {
    report(diagnostic("MZ1009", "privateRead", draft.location, draft.name, context.name));
  }
  if (methods && !route) {
    report(diagnostic("MZ1008", "withoutRoute", methods.location));
  }
}

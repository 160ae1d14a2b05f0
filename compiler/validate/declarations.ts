// Rules on each declaration's options (PROTOCOL §1) that need no other
// declaration to check.
import type { FunctionDraft } from "../analyze/drafts.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export function validateDeclaration(draft: FunctionDraft, report: (d: Diagnostic) => void): void {
  const { context, affects, methods, route } = draft.options;
  if (context && affects.length > 0) {
    report({ code: "MZ1007", message: `"${draft.name}" both reads context "${context.name}" and declares \`affects\``, location: draft.location });
  }
  if (context && draft.options.private) {
    report({ code: "MZ1009", message: `"${draft.name}" reads context "${context.name}" and cannot be private`, location: draft.location });
  }
  if (methods && !route) {
    report({ code: "MZ1008", message: "`methods` is set without `route`", location: methods.location });
  }
}

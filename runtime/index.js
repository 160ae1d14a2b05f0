export function defineContext(name, options = {}) {
    return Object.freeze({ name, viewUrls: Object.freeze([...(options.viewUrls ?? [])]) });
}
/**
 * Marks a static method as a Mizan server function. Works as a standard
 * (TC39) decorator and, with `experimentalDecorators`, as a legacy one. It
 * does nothing at run time: the analysis is done at build time.
 */
export function client(_options = {}) {
    // Standard form: (method, context) returns the method. Legacy form:
    // (class, name, descriptor) returns the descriptor. Either leaves the method as it is.
    return ((method, _context, descriptor) => descriptor === undefined ? method : descriptor);
}

// mizan/edge: filled by its own issue.
export {};

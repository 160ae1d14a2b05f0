// mizan/react: filled by its own issue.
export {};

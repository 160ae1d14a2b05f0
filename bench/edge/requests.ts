// What the edge benchmark asks for.
export const READ_PATH = "/api/mizan/ctx/article/?slug=bench";
export const MUTATION_PATH = "/api/mizan/call/editArticle/";

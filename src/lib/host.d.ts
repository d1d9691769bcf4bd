/**
 * The host APIs that shared code (checked without DOM or WebWorker libs) may use: the page and the worker
 * both have them. Kept to what is used; the page's and worker's libs declare the same signatures.
 */
declare function structuredClone<T>(value: T): T;

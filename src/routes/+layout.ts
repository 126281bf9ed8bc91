// The app runs only in the browser: DuckDB-WASM and the district's data never touch a server.
export const ssr = false;
export const prerender = true;

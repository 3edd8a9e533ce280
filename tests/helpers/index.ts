export * from "./db";
export * from "./server";
export * from "./http";

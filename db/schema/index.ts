export * from "./accounts";
export * from "./stores";
export * from "./customers";
export * from "./products";
export * from "./orders";
export * from "./engagement";
export * from "./scoring";
export * from "./imports";

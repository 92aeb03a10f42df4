export { Group, type GroupArgs } from "./group";
export * from "./functions";
export * from "./operation-resources";

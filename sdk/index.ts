export { Group, type GroupArgs } from "./group";

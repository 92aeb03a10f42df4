/** The product's imperative actions as a typed API: each takes the one Okta client and the product's inputs. */
export * from "./user-lifecycle";
export { resetPassword, setPassword, type PasswordHash, type ResetPasswordArgs, type ResetPasswordResult, type SetPasswordArgs, type SetPasswordResult } from "./passwords";
export * from "./sessions";
export { unenrollFactor, type UnenrollFactorArgs } from "./factors";
export {
    activateEventHook,
    deactivateEventHook,
    verifyEventHook,
    deleteAllEventHooks,
    type EventHookRef,
    type DeleteAllEventHooksArgs,
    type DeleteAllEventHooksResult,
} from "./event-hooks";
export * from "./raw";

// The exports object of this module is the VerifyEventHook resource's serialized provider; see ../shim.ts.
import { forwardingProvider } from "../shim";
export = forwardingProvider("VerifyEventHook");

// The exports object of this module is the ResetUserPassword resource's serialized provider; see ../shim.ts.
import { forwardingProvider } from "../shim";
export = forwardingProvider("ResetUserPassword");

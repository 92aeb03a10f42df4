// The exports object of this module is the SetUserPassword resource's serialized provider; see ../shim.ts.
import { forwardingProvider } from "../shim";
export = forwardingProvider("SetUserPassword");

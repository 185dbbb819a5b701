import { createContext, useContext } from "react";

/**
 * This response's CSP nonce (the Worker puts it in the header and the load context): the server
 * render gives it to every script tag. In the browser it is empty, as browsers hide the attribute.
 */
const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export const useNonce = () => useContext(NonceContext);

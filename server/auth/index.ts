// The auth capability: accounts, sessions, API tokens, and the one authorization check.
export { authorizeInWorkshop } from "./authorize.js";
export { readCredentials } from "./credentials.js";
export { actorOf, createGuard } from "./guard.js";
export { authRoutes } from "./routes.js";
export { createAuthService, type Actor, type AuthService, type Revocation } from "./service.js";

// Typed calls to the account routes.
import type { LoginBody, RegisterBody, UpdateMeBody, User } from "../../../shared/schemas/auth.js";
import { api } from "../api.js";

type UserResponse = { user: User };

export const authApi = {
  me: () => api.get<UserResponse>("/api/me").then((r) => r.user),
  register: (body: RegisterBody) => api.post<UserResponse>("/api/auth/register", body).then((r) => r.user),
  login: (body: LoginBody) => api.post<UserResponse>("/api/auth/login", body).then((r) => r.user),
  logout: () => api.post<{ ok: true }>("/api/auth/logout"),
  updateMe: (body: UpdateMeBody) => api.patch<UserResponse>("/api/me", body).then((r) => r.user),
};

// The workshops capability: workshops, their reading grid, members and invitations.
export { workshopRoutes } from "./routes.js";
export { createWorkshopService, type Notify, type WorkshopService } from "./service.js";

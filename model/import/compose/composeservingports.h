#pragma once

// A reverse proxy's serving ports: the ones it is meant to publish to its clients.

namespace bulkhead {

class ComposeInput;
struct ComposeService;
struct Element;

/**
 * For an entry point (a well-known proxy image, `entryPoint` true): the published container
 * ports it serves clients on — its configured entry points, less an admin interface served
 * without a login (Traefik's --api.insecure); the ports published on or from 80 and 443 when its
 * configuration was not read —
 * added to `requiredPorts` and reported at the port's line. Its other published ports (an admin
 * or metrics port) stay outside the agreed set, so RUN-19 still reports them.
 */
void recordServingPorts(ComposeInput &input, const ComposeService &service, Element &element);

} // namespace bulkhead

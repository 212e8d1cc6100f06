#pragma once

// Header-only helpers for the widget tests (the support library itself stays free of the UI).

#include "document.h"

#include <string>

namespace bulkhead::test {

/** A host boundary "host-1" and, inside it, a privileged container with the given id. */
inline void addPrivilegedContainerOnHost(Document &document, const std::string &containerId)
{
    Boundary host;
    host.id = "host-1";
    host.kind = "host";
    host.name = "Docker host";
    host.geometry = {0, 0, 800, 600};
    document.insertBoundary(0, host);
    Element container;
    container.id = containerId;
    container.kind = "container";
    container.name = "Web";
    container.boundary = "host-1";
    container.geometry = {100, 100, 120, 60};
    container.properties["privileged"] = true;
    // Run without a seccomp profile: on this Docker host the assumed default would be Docker's.
    container.properties["seccompProfile"] = std::string("unconfined");
    document.insertElement(0, container);
}

} // namespace bulkhead::test

#pragma once

#include "propertyvalue.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bulkhead {

class ThreatModel;
struct Element;

/** A default that the boundaries around an element decide, and why. */
struct ContextDefault
{
    PropertyValue value;
    /** For the reader: "inside Kubernetes namespace “shop”". */
    std::string reason;
};

/**
 * The default of an element's property when the place it sits in says more than its kind
 * does; nullopt when it does not (the kind's default from the catalog applies). A stored
 * value always wins over both.
 *
 * Today these are a container's `platform` (Kubernetes inside a Kubernetes cluster or
 * namespace, Docker or Podman inside a host that is not part of one, so that a plain Docker
 * model is not given Kubernetes-only threats) and its `seccompProfile` (the runtime's default
 * profile on Docker and Podman, which Kubernetes does not apply). The analysis, the property
 * editor and the reports all read this one answer.
 */
std::optional<ContextDefault> contextDefault(const ThreatModel &model, const Element &element,
                                             std::string_view property);

/** The property names contextDefault() may answer for an element of this kind. */
bool hasContextDefault(std::string_view kind, std::string_view property);

/** What applies to the element's unset properties from its boundaries, by property name. */
std::vector<std::pair<std::string, ContextDefault>> assumedDefaults(const ThreatModel &model,
                                                                    const Element &element);

} // namespace bulkhead

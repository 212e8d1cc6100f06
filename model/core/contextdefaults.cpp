#include "contextdefaults.h"

#include "threatmodel.h"

#include <algorithm>

namespace bulkhead {

namespace {

constexpr std::string_view containerKind = "container";
constexpr std::string_view platformProperty = "platform";
constexpr std::string_view seccompProperty = "seccompProfile";

/** The stored text of a property, or "" when unset or not text. */
std::string textOf(const PropertyMap &properties, const std::string &name)
{
    const auto it = properties.find(name);
    if (it == properties.end())
        return {};
    const std::string *text = std::get_if<std::string>(&it->second);
    return text ? *text : std::string();
}

std::string quoted(const Boundary &boundary)
{
    return "\u201c" + (boundary.name.empty() ? boundary.id : boundary.name) + "\u201d";
}

ContextDefault platform(std::string value, std::string reason)
{
    return {PropertyValue(std::move(value)), std::move(reason)};
}

/**
 * What the container runtimes drawn inside the host say: dockerd (the runtime kind's own
 * default) or Podman run standalone containers, CRI-O only serves Kubernetes; containerd
 * serves both and says nothing.
 */
std::optional<std::string> runtimePlatform(const ThreatModel &model, const Boundary &host)
{
    for (const Element &runtime : model.elements()) {
        if (runtime.kind != "container-runtime")
            continue;
        const std::vector<const Boundary *> chain = model.boundaryChain(runtime);
        if (std::find(chain.begin(), chain.end(), &host) == chain.end())
            continue;
        const std::string product = textOf(runtime.properties, "product");
        if (product.empty() || product == "dockerd")
            return "docker";
        if (product == "podman")
            return "podman";
        if (product == "crio")
            return "kubernetes";
    }
    return std::nullopt;
}

std::optional<ContextDefault> hostPlatform(const ThreatModel &model, const Boundary &host)
{
    const std::string where = "inside host " + quoted(host);
    const std::string role = textOf(host.properties, "nodeRole");
    if (role == "worker" || role == "controlPlane")
        return platform("kubernetes", where + ", a Kubernetes node");
    if (const std::optional<std::string> runtime = runtimePlatform(model, host))
        return platform(*runtime, where + ", by its container runtime");
    // A host outside every cluster runs its containers itself.
    return platform("docker", where + ", which is not part of a cluster");
}

std::optional<ContextDefault> containerPlatform(const ThreatModel &model, const Element &element)
{
    const std::vector<const Boundary *> chain = model.boundaryChain(element);
    // A node drawn inside its cluster answers to the cluster, not to how it runs alone.
    for (const Boundary *boundary : chain) {
        if (boundary->kind == "namespace")
            return platform("kubernetes", "inside Kubernetes namespace " + quoted(*boundary));
        if (boundary->kind == "cluster") {
            const std::string orchestrator = textOf(boundary->properties, "orchestrator");
            if (orchestrator.empty() || orchestrator == "kubernetes")
                return platform("kubernetes", "inside Kubernetes cluster " + quoted(*boundary));
            if (orchestrator == "swarm")
                return platform("docker", "inside Docker Swarm cluster " + quoted(*boundary));
            return std::nullopt;
        }
    }
    for (const Boundary *boundary : chain) {
        if (boundary->kind == "host")
            return hostPlatform(model, *boundary);
    }
    return std::nullopt;
}

/**
 * Docker and Podman apply their default seccomp profile when none is asked for; Kubernetes
 * runs pods unconfined, which is the kind's default.
 */
std::optional<ContextDefault> containerSeccomp(const ThreatModel &model, const Element &element)
{
    std::string platformName = textOf(element.properties, std::string(platformProperty));
    std::string why = "its platform is ";
    if (platformName.empty()) {
        const std::optional<ContextDefault> assumed = containerPlatform(model, element);
        if (!assumed)
            return std::nullopt;
        platformName = std::get<std::string>(assumed->value);
        why = "its platform, assumed " + assumed->reason + ", is ";
    }
    if (platformName != "docker" && platformName != "podman")
        return std::nullopt;
    return ContextDefault{PropertyValue(std::string("runtimeDefault")),
                          why + platformName + ", which applies its default seccomp profile"};
}

/** A container, or an element of another kind deployed as one (a containerised database). */
bool runsAsContainer(const Element &element)
{
    if (element.kind == containerKind)
        return true;
    const auto deployed = element.properties.find("deployedAs");
    return deployed != element.properties.end()
           && std::holds_alternative<std::string>(deployed->second)
           && std::get<std::string>(deployed->second) == containerKind;
}

} // namespace

bool hasContextDefault(std::string_view kind, std::string_view property)
{
    return kind == containerKind && (property == platformProperty || property == seccompProperty);
}

std::optional<ContextDefault> contextDefault(const ThreatModel &model, const Element &element,
                                             std::string_view property)
{
    if (!runsAsContainer(element) || (property != platformProperty && property != seccompProperty))
        return std::nullopt;
    if (property == seccompProperty)
        return containerSeccomp(model, element);
    return containerPlatform(model, element);
}

std::vector<std::pair<std::string, ContextDefault>> assumedDefaults(const ThreatModel &model,
                                                                    const Element &element)
{
    std::vector<std::pair<std::string, ContextDefault>> out;
    if (!runsAsContainer(element))
        return out;
    for (const std::string_view property : {platformProperty, seccompProperty}) {
        const std::string name(property);
        if (element.properties.contains(name))
            continue;
        if (std::optional<ContextDefault> assumed = contextDefault(model, element, property))
            out.emplace_back(name, std::move(*assumed));
    }
    return out;
}

} // namespace bulkhead

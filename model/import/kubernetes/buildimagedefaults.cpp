#include "import/kubernetes/importer.h"
#include "import/kubernetes/semantics.h"
#include "import/wellknownimages.h"

#include <string>
#include <vector>

namespace bulkhead::kubernetes {

void KubernetesImporter::applyImageProperties(const Container &container, const Origin &origin,
                                              const ImageRole &role, Element &element)
{
    std::vector<std::string> fixed;
    for (const auto &[name, value] : role.image->properties) {
        if (!kindHasProperty(*m_catalog, element.kind, name))
            continue;
        element.properties[name] = value;
        fixed.push_back(name + " = " + value);
    }
    if (!fixed.empty())
        mapped(origin, "container " + container.name + ": " + container.image
                           + " by the image table: " + joined(fixed));
}

void KubernetesImporter::applyImageDefaults(const Container &container, const Origin &origin,
                                            const ImageRole &role, const std::string &kind,
                                            PropertyMap &properties)
{
    const ServiceConfiguration configuration = configurationOf(container, nullptr);
    Origin at = origin;
    if (container.line > 0)
        at.line = container.line;
    const std::string label = "container " + container.name + ": ";
    const auto facts = imageDefaultFacts(*role.image, configuration, container.image);
    for (const std::string &line : applyImageFacts(facts, *m_catalog, kind, properties))
        mapped(at, label + line);
}

std::string KubernetesImporter::containerPortProtocol(std::size_t workload, std::size_t container,
                                                      std::int64_t port, const std::string &name,
                                                      const std::string &appProtocol,
                                                      const std::string &l4)
{
    // What the image speaks on the port beats the number's usual use: Kibana's 5601 and
    // RabbitMQ's 15672 are HTTP, which the number alone does not say.
    const Workload &owner = m_workloads[workload];
    const Container &running = owner.pod.containers[container];
    const auto role = running.image.empty() ? std::nullopt
                                            : wellKnownImage(running.image, m_catalog->images());
    std::string protocol = flowProtocol(port, name, appProtocol, l4, role ? role->image : nullptr);
    if (role && protocol != flowProtocol(port, name, appProtocol, l4)
        && m_imageTypedPorts.insert({workload, container, port}).second) {
        Origin at = owner.origin;
        if (running.line > 0)
            at.line = running.line;
        mapped(at, containerName(owner, running) + ": port " + portText(port, l4) + " speaks "
                       + protocol + " (image table: " + running.image + ")");
    }
    return protocol;
}

} // namespace bulkhead::kubernetes

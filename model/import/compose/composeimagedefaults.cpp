#include "composeimagedefaults.h"

#include "catalog/catalog.h"
#include "import/compose/composeservicemapper.h"
#include "import/wellknownimages.h"

#include <sstream>

namespace bulkhead {

void ComposeServiceMapper::mapCommand(ComposeService &service, const std::string &key,
                                      const YamlNode &value)
{
    // Kept in memory to judge the image's insecure defaults ("--requirepass"); an argument may
    // hold a password, so nothing of it reaches the model or the report.
    if (value.isScalar()) {
        std::istringstream words(value.scalar);
        for (std::string word; words >> word;)
            service.command.push_back(word);
        return;
    }
    for (const YamlNode *item : m_input.readTextItems(value, "service " + service.name + " " + key))
        service.command.push_back(item->scalar);
}

void applyComposeImageRole(ComposeInput &input, const ComposeService &service,
                           const ImageRole &role, Element &element)
{
    const Catalog &catalog = *input.catalog;
    const WellKnownImage &image = *role.image;
    const YamlNode *imageNode = service.node->find("image");
    const YamlNode &at = imageNode ? *imageNode : *service.node;
    if (!role.product.empty() && kindHasProperty(catalog, element.kind, "product"))
        element.properties["product"] = role.product;
    std::vector<std::string> fixed;
    for (const auto &[name, value] : image.properties) {
        if (kindHasProperty(catalog, element.kind, name)) {
            element.properties[name] = value;
            fixed.push_back(name + " = " + value);
        }
    }
    if (!fixed.empty())
        input.mapped(at, "service " + service.name + ": " + service.shownImage
                             + " by the image table: " + joined(fixed));
    if (image.adminUi)
        input.mapped(at, service.shownImage + ": admin UI on port "
                             + std::to_string(image.adminUi->port) + " at " + image.adminUi->path
                             + (image.adminUi->loginByDefault ? " (login required by default)"
                                                              : " (no login by default)"));
    ServiceConfiguration configuration;
    configuration.image = service.image;
    configuration.arguments = service.command;
    configuration.environmentComplete = service.node->find("env_file") == nullptr;
    if (const YamlNode *environment = service.node->find("environment"))
        for (const auto &[name, value] : environment->entries)
            if (value.isScalar())
                configuration.environment[name] = value.scalar;
    const auto facts = insecureDefaultFacts(image, configuration, service.shownImage);
    for (const std::string &line : applyImageFacts(facts, catalog, element.kind, element.properties))
        input.mapped(at, "service " + service.name + ": " + line);
}

} // namespace bulkhead

#include "composeimagedefaults.h"

#include "catalog/catalog.h"
#include "import/compose/composeoneshot.h"
#include "import/compose/composeservice.h"
#include "import/compose/composeservicemapper.h"
#include "import/wellknownimages.h"

#include <algorithm>
#include <sstream>

namespace bulkhead {

void ComposeServiceMapper::mapCommand(ComposeService &service, const std::string &key,
                                      const YamlNode &value)
{
    // Kept in memory to judge the image's insecure defaults ("--requirepass") and whether the
    // service is a one-shot job or a worker; an argument may hold a password, so nothing of it
    // reaches the model or the report.
    std::vector<std::string> &words = key == "entrypoint" ? service.entrypoint : service.command;
    if (value.isScalar()) {
        std::istringstream text(value.scalar);
        for (std::string word; text >> word;)
            words.push_back(word);
        return;
    }
    for (const YamlNode *item : m_input.readTextItems(value, "service " + service.name + " " + key))
        words.push_back(item->scalar);
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
    configuration.programReplaced = replacesImageProgram(service);
    // The environment key comes before env_file, so it wins for a name both set, as in Compose;
    // a value left to the runtime environment may turn a default off, so the judgement then
    // says "check it".
    configuration.environment.assign(service.environment.begin(), service.environment.end());
    const bool leftToRuntime = std::any_of(
        service.environment.begin(), service.environment.end(),
        [](const EnvironmentSetting &setting) { return !setting.value; });
    configuration.environmentComplete = !service.envFileUnread && !leftToRuntime;
    const auto facts = imageDefaultFacts(image, configuration, service.shownImage);
    for (const std::string &line :
         applyImageFacts(facts, catalog, element.kind, element.properties))
        input.mapped(at, "service " + service.name + ": " + line);
}

} // namespace bulkhead

#include "composeimporter.h"

#include "import/compose/composeinput.h"
#include "import/compose/composeloader.h"
#include "import/compose/composemodelbuilder.h"
#include "import/compose/composeproxyconfig.h"
#include "import/compose/composeservicemapper.h"
#include "import/importidentity.h"
#include "import/importmodelbuilder.h"

namespace bulkhead {

namespace {

/** Loads the files into one project, maps its services, and builds the model from them; a
 *  failure throws ImportFailure. */
ImportResult runImport(const std::vector<std::string> &files,
                       const std::map<std::string, std::string> &environment,
                       const ComposeImportOptions &options)
{
    if (files.empty())
        throw ImportFailure{"no Compose file given"};
    ComposeInput input(files, environment);
    if (options.catalog)
        input.catalog = options.catalog;
    const YamlNode project = ComposeLoader(input, options).load();
    const YamlNode *services = project.find("services");
    if (!services || !services->isMapping() || services->entries.empty())
        throw ImportFailure{input.files.front() + ": no services to import"};
    ImportResult result;
    ImportModelBuilder builder(result.model);
    std::vector<ComposeService> mapped;
    for (const auto &[name, node] : services->entries) {
        ComposeService service;
        service.name = name;
        service.node = &node;
        service.id = builder.makeId(name);
        mapped.push_back(std::move(service));
    }
    ComposeServiceMapper mapper(input);
    for (ComposeService &service : mapped)
        mapper.map(service);
    mapper.inheritVolumes(mapped);
    readProxyConfiguration(input, mapped);
    ComposeModelBuilder(input, project, environment, builder).build(mapped);
    result.report = std::move(input.report);
    recordImportIdentities(result.model, "compose");
    return result;
}

} // namespace

Result<ImportResult> importCompose(const std::vector<std::string> &files,
                                   const std::map<std::string, std::string> &environment,
                                   const ComposeImportOptions &options)
{
    ImportResult imported;
    try {
        imported = runImport(files, environment, options);
    } catch (const ImportFailure &failure) {
        return Result<ImportResult>::failure(failure.message);
    }
    return refuseOverBudget(std::move(imported), files.front());
}

} // namespace bulkhead

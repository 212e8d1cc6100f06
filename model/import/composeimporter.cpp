#include "composeimporter.h"

#include "import/compose/composeinput.h"
#include "import/compose/composeloader.h"
#include "import/compose/composemodelbuilder.h"
#include "import/compose/composeservicemapper.h"
#include "import/importsupport.h"

namespace bulkhead {

namespace {

/** Loads the files into one project, maps its services, and builds the model from them. */
Result<ImportResult> runImport(const std::vector<std::string> &files,
                               const std::map<std::string, std::string> &environment,
                               const ComposeImportOptions &options)
{
    if (files.empty())
        return Result<ImportResult>::failure("no Compose file given");
    ComposeInput input(files, environment);
    YamlNode project;
    if (!ComposeLoader(input, options).load(project))
        return Result<ImportResult>::failure(input.error);
    const YamlNode *services = project.find("services");
    if (!services || !services->isMapping() || services->entries.empty())
        return Result<ImportResult>::failure(input.files.front() + ": no services to import");
    IdAllocator ids;
    std::vector<ComposeService> mapped;
    for (const auto &[name, node] : services->entries) {
        ComposeService service;
        service.name = name;
        service.node = &node;
        service.id = ids.make(name);
        mapped.push_back(std::move(service));
    }
    ComposeServiceMapper mapper(input);
    for (ComposeService &service : mapped)
        if (!mapper.map(service))
            return Result<ImportResult>::failure(input.error);
    mapper.inheritVolumes(mapped);
    ImportResult result;
    result.model = ComposeModelBuilder(input, project, environment, ids).build(mapped);
    result.report = std::move(input.report);
    return result;
}

} // namespace

Result<ImportResult> importCompose(const std::vector<std::string> &files,
                                   const std::map<std::string, std::string> &environment,
                                   const ComposeImportOptions &options)
{
    return refuseOverBudget(runImport(files, environment, options), files.empty() ? std::string() : files.front());
}

} // namespace bulkhead

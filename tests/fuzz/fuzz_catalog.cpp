// libFuzzer harness: the catalog loader and the rule compiler as `--catalog FILE` and
// `catalog lint FILE` use them. The input is read as a catalog file, merged over the built-in
// catalog and finalized (every rule compiled); when that succeeds, the file's threats run
// their own test cases, as lint does, and the catalog analyses the sample model.

#include "fuzzsupport.h"

#include "analysis/analysis.h"
#include "analysis/defenseindepth.h"
#include "analysis/ruletests.h"
#include "catalog/catalog.h"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bulkhead;
    const std::string source = "fuzz.catalog.json";
    const auto overlay = readCatalogText(fuzz::asText(data, size), source);
    if (!overlay) {
        fuzz::expectErrorNaming(overlay.error(), source);
        return 0;
    }

    // As loadCatalog() does with the embedded files, from the already parsed built-in catalog
    // (merging copies; finalize() compiles every rule again against the merged kinds).
    Catalog catalog;
    catalog.merge(builtInCatalog());
    catalog.merge(*overlay);
    const std::vector<std::string> problems = catalog.finalize();
    for (const std::string &problem : problems)
        fuzz::expectErrorNaming(problem, problem.rfind("built-in:", 0) == 0 ? "built-in:" : source);
    if (!problems.empty())
        return 0;

    for (const ThreatRule &threat : catalog.threats())
        if (threat.sourceFile == source)
            runRuleTests(catalog, threat);

    const ThreatModel &model = fuzz::sampleModel();
    const AnalysisResult result = analyzeModel(model, catalog);
    const ThreatExplainer explainer(model, catalog);
    std::vector<const Threat *> threats;
    for (const Threat &threat : result.threats) {
        threats.push_back(&threat);
        explainer.explanation(threat);
    }
    buildDefenseInDepth(catalog, threats);
    return 0;
}

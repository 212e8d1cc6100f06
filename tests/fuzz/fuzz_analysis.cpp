// libFuzzer harness: the rule evaluator and the analysis on a loaded model, with the
// built-in catalog. The editor analyses every model that loads, valid or not (validation
// errors are shown beside the threats), so this does too; the exports run only on models that
// validate, as the CLI refuses the others before writing anything.

#include "fuzzsupport.h"

#include "analysis/analysis.h"
#include "analysis/defenseindepth.h"
#include "analysis/stridematrix.h"
#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "io/modelreader.h"
#include "report/analysisexport.h"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bulkhead;
    const auto loaded = readModelText(fuzz::asText(data, size), "fuzz.bulkhead.json");
    if (!loaded)
        return 0;
    const ThreatModel &model = loaded->model;
    const Catalog &catalog = builtInCatalog();

    const auto diagnostics = validateModel(model, catalog);
    const AnalysisResult result = analyzeModel(model, catalog);
    const ThreatExplainer explainer(model, catalog);
    std::vector<const Threat *> threats;
    for (const Threat &threat : result.threats) {
        threats.push_back(&threat);
        explainer.explanation(threat);
    }
    explainer.openQuestions(result);
    buildStrideMatrix(threats);
    buildDefenseInDepth(catalog, threats);

    if (!hasErrors(diagnostics)) {
        analysisToJson(result, model, catalog);
        analysisToSarif(result, model, catalog, "fuzz.bulkhead.json");
        analysisToCsv(result, model, catalog);
        analysisToText(result, model);
    }
    return 0;
}

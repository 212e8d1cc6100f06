// Times `bulkhead-cli diff` on a 2,000-element synthetic deployment against a changed copy:
// both files parsed, validated and analysed, the models and threats compared, and the text, JSON
// and Markdown reports written. Exits 1 when the whole takes more than 1 s (issue 18's target).
// Usage: bench_diff [ELEMENTS]   (default: 2000)

#include "analysis/analysis.h"
#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "diff/diffreport.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"
#include "syntheticdeployment.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

using namespace bulkhead;

namespace {

/**
 * The copy a review cycle might produce: every 50th element renamed, every 40th moved to the
 * internet boundary, every 30th given another property value, every 97th flow removed, ten
 * elements added, a register decision on every 20th threat of the original.
 */
ThreatModel changedCopy(const ThreatModel &original, const AnalysisResult &analysis)
{
    ThreatModel copy = original;
    std::size_t index = 0;
    for (const Element &element : original.elements()) {
        Element &changed = *copy.findElement(element.id);
        if (index % 50 == 0)
            changed.name += " (renamed)";
        if (index % 40 == 7 && changed.kind == "container")
            changed.boundary = "internet";
        if (index % 30 == 3)
            changed.properties["notes"] = std::string("reviewed");
        ++index;
    }
    index = 0;
    for (const Flow &flow : original.flows()) {
        if (index++ % 97 == 5)
            copy.removeFlow(flow.id);
    }
    for (int i = 0; i < 10; ++i)
        copy.addElement({"added-" + std::to_string(i), "container", "added " + std::to_string(i),
                         "internet", {{"hostPathMounts", StringList{"/etc:/host-etc"}}}, {}});
    for (std::size_t i = 0; i < analysis.threats.size(); i += 20)
        copy.setRegisterEntry({analysis.threats[i].id(), ThreatStatus::Accepted, "bench", "", {}, ""});
    return copy;
}

std::vector<ThreatSnapshot> analyse(const std::string &text, const Catalog &catalog)
{
    auto loaded = readModelText(text, "bench");
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().c_str());
        std::exit(2);
    }
    for (const Diagnostic &d : validateModel(loaded->model, catalog)) {
        if (d.severity == DiagnosticSeverity::Error) {
            std::fprintf(stderr, "the synthetic model is invalid: %s\n", d.message.c_str());
            std::exit(2);
        }
    }
    return snapshotThreats(analyzeModel(loaded->model, catalog));
}

} // namespace

int main(int argc, char **argv)
{
    const std::size_t size = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2000;
    const Catalog &catalog = builtInCatalog();
    const ThreatModel original = bench::makeSyntheticDeployment(size);
    const ThreatModel changed = changedCopy(original, analyzeModel(original, catalog));
    const std::string oldText = writeModelText(original);
    const std::string newText = writeModelText(changed);

    double best = 1e300;
    DiffReport report;
    std::size_t outputBytes = 0;
    for (int run = 0; run < 5; ++run) {
        const auto start = std::chrono::steady_clock::now();
        auto oldThreats = analyse(oldText, catalog);
        auto newThreats = analyse(newText, catalog);
        const ThreatModel oldModel = readModelText(oldText, "old")->model;
        const ThreatModel newModel = readModelText(newText, "new")->model;
        report = DiffReport{"old", "new", diffModels(oldModel, newModel),
                            compareThreats(std::move(oldThreats), std::move(newThreats)), ""};
        std::ostringstream out;
        writeDiffText(out, report);
        writeDiffJson(out, report);
        writeDiffMarkdown(out, report);
        outputBytes = out.str().size();
        best = std::min(best, std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now() - start)
                                  .count());
    }
    std::printf("%zu elements, %zu flows | %zu item changes, %zu register changes | threats: %zu "
                "new, %zu resolved, %zu updated, %zu unchanged | output %zu KB | diff %.1f ms "
                "(best of 5)\n",
                changed.elements().size(), changed.flows().size(), report.model.items.size(),
                report.model.registerChanges.size(), report.countThreats(ThreatChangeKind::New),
                report.countThreats(ThreatChangeKind::Absent),
                report.countThreats(ThreatChangeKind::Updated),
                report.countThreats(ThreatChangeKind::Unchanged), outputBytes >> 10, best);
    return best <= 1000.0 ? 0 : 1;
}

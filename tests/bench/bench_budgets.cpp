// The worst cases of issue 13's cost probe, each built in memory or in a temporary directory:
// every one must finish in 2 s or be refused in 1 s (release build). Each case runs in a child
// process, so its peak memory (ru_maxrss) is its own; the PDF case runs last, in this process,
// as it needs a QApplication. Exits 1 when a case misses its target or goes the wrong way.
// Usage: bench_budgets. Run with QT_QPA_PLATFORM=offscreen.

#include "analysis/analysis.h"
#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "export/pdfreport.h"
#include "import/composeimporter.h"
#include "import/kubernetesimporter.h"
#include "io/modelreader.h"
#include "layout/graphvizlayoutengine.h"
#include "report/diagramsvg.h"
#include "report/htmlreport.h"
#include "report/reportmodel.h"
#include "worstcases.h"

#include <QApplication>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace bulkhead;

namespace {

enum class Expect { Finishes, Refused };

struct Case
{
    const char *name;
    Expect expect;
    /** True when it finished, false when it was refused; `detail` says what happened. */
    std::function<bool(std::string &detail)> run;
};

std::string g_directory;

std::string writeFile(const std::string &name, const std::string &text)
{
    const std::string path = g_directory + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

double peakMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

/** Runs one case, prints its row; false when it missed its target or went the wrong way. */
bool measure(const Case &c)
{
    std::string detail;
    const auto start = std::chrono::steady_clock::now();
    const bool finished = c.run(detail);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double target = c.expect == Expect::Finishes ? 2.0 : 1.0;
    const bool ok = finished == (c.expect == Expect::Finishes) && seconds <= target;
    if (detail.size() > 110)
        detail = detail.substr(0, 107) + "...";
    std::printf("%-44s | %-8s | %7.3f s | %6.0f MiB | %s %s\n", c.name, finished ? "finished" : "refused", seconds, peakMiB(),
                ok ? "ok  " : "OVER", detail.c_str());
    std::fflush(stdout);
    return ok;
}

bool inChild(const Case &c)
{
    const pid_t child = fork();
    if (child == 0)
        _exit(measure(c) ? 0 : 1);
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool importCompose(const std::string &file, const std::string &text, std::string &detail)
{
    auto imported = bulkhead::importCompose({writeFile(file, text)}, {});
    if (!imported) {
        detail = imported.error();
        return false;
    }
    GraphvizLayoutEngine layout;
    finishImport(*imported, builtInCatalog(), layout);
    detail = std::to_string(imported->model.elements().size()) + " elements, " + std::to_string(imported->model.boundaries().size())
             + " boundaries, " + std::to_string(imported->model.flows().size()) + " flows";
    return true;
}

bool load(const std::string &text, std::string &detail)
{
    const auto loaded = readModelText(text, "model.bulkhead.json");
    detail = loaded ? std::string("loaded") : loaded.error();
    return bool(loaded);
}

std::string htmlReport(const ThreatModel &model)
{
    const AnalysisResult result = analyzeModel(model, builtInCatalog());
    const ReportData report = buildReport(model, builtInCatalog(), result, {}, "2026-01-01");
    std::ostringstream out;
    writeHtmlReport(out, report, diagramToSvg(model, builtInCatalog()));
    return out.str();
}

std::string longTextModelText(std::size_t nameBytes, std::size_t notesBytes)
{
    return R"({"format": "bulkhead-threat-model", "formatVersion": 1, "elements": [{"id": "e", "kind": "container", "name": ")"
           + std::string(nameBytes, 'x') + R"(", "properties": {"notes": ")" + std::string(notesBytes, 'n') + "\"}}]}";
}

} // namespace

int main(int argc, char **argv)
{
    QTemporaryDir directory;
    g_directory = directory.path().toStdString();
    const std::vector<Case> cases = {
        {"YAML: \",\\n\" (compose)", Expect::Refused,
         [](std::string &d) { return importCompose("comma.yml", ",\n", d); }},
        {"YAML: \",\\n\" (k8s)", Expect::Refused,
         [](std::string &d) {
             const auto imported = importKubernetes({writeFile("comma.yaml", ",\n")});
             d = imported ? std::string("imported") : imported.error();
             return bool(imported);
         }},
        {"YAML: 4 MiB string aliased 2,000 times", Expect::Refused,
         [](std::string &d) { return importCompose("aliased.yml", worstcase::aliasedScalar(4 * 1024 * 1024, 2000), d); }},
        {"load: boundaries 5,000 deep", Expect::Refused, [](std::string &d) { return load(worstcase::nestedBoundariesText(5000), d); }},
        {"load: boundaries 20,000 deep", Expect::Refused, [](std::string &d) { return load(worstcase::nestedBoundariesText(20000), d); }},
        {"validate: 20,000 deep, in memory", Expect::Finishes,
         [](std::string &d) {
             d = std::to_string(validateModel(worstcase::nestedBoundaries(20000), builtInCatalog()).size()) + " findings";
             return true;
         }},
        {"analyze: 20,000 deep, in memory", Expect::Finishes,
         [](std::string &d) {
             d = std::to_string(analyzeModel(worstcase::nestedBoundaries(20000), builtInCatalog()).threats.size()) + " threats";
             return true;
         }},
        {"HTML report: 20,000 deep, in memory", Expect::Finishes,
         [](std::string &d) {
             d = std::to_string(htmlReport(worstcase::nestedBoundaries(20000)).size() >> 10) + " KiB";
             return true;
         }},
        {"validate: boundary cycle of 20,000", Expect::Finishes,
         [](std::string &d) {
             d = std::to_string(validateModel(worstcase::boundaryCycle(20000), builtInCatalog()).size()) + " findings";
             return true;
         }},
        {"load: element at y = -1e15", Expect::Refused,
         [](std::string &d) {
             return load(R"({"format": "bulkhead-threat-model", "formatVersion": 1, "elements": [)"
                          R"({"id": "a", "kind": "container", "geometry": {"x": 0, "y": 0, "w": 140, "h": 70}},)"
                          R"({"id": "b", "kind": "container", "geometry": {"x": 0, "y": -1e15, "w": 140, "h": 70}}]})",
                          d);
         }},
        {"load: 5 MB element name", Expect::Refused, [](std::string &d) { return load(longTextModelText(5'000'000, 1), d); }},
        {"load: 60 MB notes property", Expect::Refused, [](std::string &d) { return load(longTextModelText(1, 60'000'000), d); }},
        {"compose: one service on 5,000 networks", Expect::Finishes,
         [](std::string &d) { return importCompose("networks.yml", worstcase::serviceOnNetworks(5000), d); }},
        {"compose: 50,000 ports", Expect::Finishes,
         [](std::string &d) { return importCompose("ports.yml", worstcase::serviceWithPorts(50000), d); }},
        {"compose: 20,000 services with depends_on", Expect::Finishes,
         [](std::string &d) { return importCompose("ring.yml", worstcase::servicesInARing(20000), d); }},
        {"compose: 250 services, 3 random depends_on", Expect::Finishes,
         [](std::string &d) { return importCompose("random.yml", worstcase::servicesWithRandomDependencies(250, 3), d); }},
        {"model: 50,000 insertFlow at the end", Expect::Finishes,
         [](std::string &d) {
             ThreatModel model;
             for (int i = 0; i < 50000; ++i) {
                 Flow f;
                 f.id = "f" + std::to_string(i);
                 model.insertFlow(model.flows().size(), f);
             }
             d = std::to_string(model.flows().size()) + " flows";
             return true;
         }},
        {"HTML report: 5 MB name, 60 MB notes", Expect::Finishes,
         [](std::string &d) {
             d = std::to_string(htmlReport(worstcase::longTexts(5'000'000, 60'000'000)).size() >> 10) + " KiB";
             return true;
         }},
    };
    std::printf("%-44s | %-8s | %9s | %10s | target: finished <= 2 s, refused <= 1 s\n", "case", "result", "time", "peak");
    std::fflush(stdout); // before the fork, or each child prints the header again
    bool allOk = true;
    for (const Case &c : cases)
        allOk = inChild(c) && allOk;

    QApplication app(argc, argv);
    allOk = measure({"PDF report: 5 MB name, 60 MB notes", Expect::Finishes,
                     [](std::string &d) {
                         const ThreatModel model = worstcase::longTexts(5'000'000, 60'000'000);
                         const ReportData report = buildReport(model, builtInCatalog(), analyzeModel(model, builtInCatalog()), {},
                                                               "2026-01-01");
                         QString error;
                         const bool written = bool(writePdfReport(QString::fromStdString(g_directory + "/long.pdf"), report, model,
                                                                  builtInCatalog(), &error));
                         d = written ? std::string("written") : error.toStdString();
                         return written;
                     }})
            && allOk;
    return allOk ? 0 : 1;
}

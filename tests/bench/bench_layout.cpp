// Time to lay out each example and a generated deployment with Graphviz.
// Usage: bench_layout [ELEMENTS] (default 500) [EXAMPLES_DIR]

#include "io/modelreader.h"
#include "layout/graphvizlayoutengine.h"
#include "syntheticdeployment.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace bulkhead;

namespace {

double timeLayout(const ThreatModel &model)
{
    GraphvizLayoutEngine engine;
    const auto start = std::chrono::steady_clock::now();
    const auto result = engine.layout(model);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result ? ms : -1;
}

} // namespace

int main(int argc, char **argv)
{
    const std::size_t size = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 500;
    const std::string examples = argc > 2 ? argv[2] : BULKHEAD_EXAMPLES_DIR;
    for (const auto &entry : std::filesystem::directory_iterator(examples)) {
        if (entry.path().string().find(".bulkhead.json") == std::string::npos)
            continue;
        const auto loaded = readModelFile(entry.path());
        if (!loaded)
            continue;
        std::printf("%-45s %4zu elements %4zu flows %3zu boundaries | layout %8.1f ms\n",
                    entry.path().filename().c_str(), loaded->model.elements().size(),
                    loaded->model.flows().size(), loaded->model.boundaries().size(), timeLayout(loaded->model));
    }
    const ThreatModel generated = bench::makeSyntheticDeployment(size);
    std::printf("%-45s %4zu elements %4zu flows %3zu boundaries | layout %8.1f ms\n", "generated",
                generated.elements().size(), generated.flows().size(), generated.boundaries().size(),
                timeLayout(generated));
    return 0;
}

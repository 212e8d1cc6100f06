// Opening and rendering a 2,000-element diagram, and re-rendering while one element is
// dragged. Usage: bench_canvas [ELEMENTS]  (default 2000). Run with QT_QPA_PLATFORM=offscreen.

#include "canvas/diagramscene.h"
#include "canvas/diagramview.h"
#include "canvas/elementitem.h"
#include "catalog/catalog.h"
#include "document.h"
#include "io/modelwriter.h"
#include "syntheticdeployment.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace bulkhead;

namespace {

/** Lays the synthetic deployment out like a person would: clusters of hosts in rows. */
void arrange(ThreatModel &model)
{
    std::map<std::string, Rect> boundaryRects;
    int cluster = -1;
    int host = 0;
    int clusterElement = 0;
    std::map<std::string, int> perHost;
    const double clusterHeight = 1500;
    for (const Boundary &b : model.boundaries()) {
        Boundary *mutableBoundary = model.findBoundary(b.id);
        if (b.kind == "internet") {
            mutableBoundary->geometry = {-700, 0, 400, 0}; // sized once the clusters are known
        } else if (b.kind == "cluster") {
            ++cluster;
            host = 0;
            mutableBoundary->geometry = {0, cluster * clusterHeight, 10 * 760 + 60, clusterHeight - 100};
        } else if (b.kind == "host") {
            mutableBoundary->geometry = {40.0 + host * 760, cluster * clusterHeight + 200, 720, 1150};
            ++host;
        }
        boundaryRects[b.id] = mutableBoundary->geometry;
    }
    for (const Boundary &b : model.boundaries()) {
        if (b.kind == "internet")
            model.findBoundary(b.id)->geometry.height = (cluster + 1) * clusterHeight;
    }
    int users = 0;
    for (const Element &e : model.elements()) {
        Element *element = model.findElement(e.id);
        const Rect &area = boundaryRects[e.boundary];
        if (e.boundary == "internet") {
            element->geometry = {-640, 60.0 + users++ * clusterHeight, 140, 70};
        } else if (model.findBoundary(e.boundary) && model.findBoundary(e.boundary)->kind == "cluster") {
            const int k = clusterElement++ % 4;
            element->geometry = {area.x + 40 + k * 180, area.y + 60, 140, 70};
        } else {
            const int n = perHost[e.boundary]++;
            element->geometry = {area.x + 30 + (n % 4) * 170, area.y + 40 + (n / 4) * 110, 140, 70};
        }
    }
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const std::size_t size = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2000;
    ThreatModel generated = bench::makeSyntheticDeployment(size);
    arrange(generated);
    const QByteArray text = QByteArray::fromStdString(writeModelText(generated));

    Document document(builtInCatalog());
    DiagramScene scene(&document);
    DiagramView view(&scene);
    view.resize(1600, 1000);
    view.show();
    QApplication::processEvents();

    // Open: read the file text, build the scene, fit, and paint every visible item.
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (!document.loadText(text, QStringLiteral("synthetic"), QString(), false, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    view.fitToWindow();
    view.viewport()->repaint();
    const double openMs = timer.nsecsElapsed() / 1e6;
    // And at 100%, where labels and icons are drawn too.
    view.resetZoom();
    timer.restart();
    view.viewport()->repaint();
    const double fullDetailMs = timer.nsecsElapsed() / 1e6;

    // Drag one container across its host, repainting after every mouse move.
    ElementItem *item = nullptr;
    for (const Element &e : document.model().elements()) {
        if (e.kind == "container") {
            item = scene.elementItem(QString::fromStdString(e.id));
            break;
        }
    }
    view.centerOn(item);
    QApplication::processEvents();
    QWidget *viewport = view.viewport();
    QPoint at = view.mapFromScene(item->sceneShapeRect().center());
    auto send = [&](QEvent::Type type, QPoint pos, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent event(type, QPointF(pos), QPointF(viewport->mapToGlobal(pos)), button, buttons, Qt::NoModifier);
        QApplication::sendEvent(viewport, &event);
    };
    send(QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
    if (!item->isSelected()) {
        std::fprintf(stderr, "the press did not grab the element\n");
        return 1;
    }
    std::vector<double> moves;
    int paints = 0;
    struct PaintCounter : QObject
    {
        int *count;
        explicit PaintCounter(int *c) : count(c) {}
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                ++*count;
            return false;
        }
    } counter(&paints);
    viewport->installEventFilter(&counter);
    for (int i = 1; i <= 120; ++i) {
        const int paintsBefore = paints;
        timer.restart();
        send(QEvent::MouseMove, at + QPoint(i * 3, (i % 20) * 2), Qt::NoButton, Qt::LeftButton);
        // Paint what the move made dirty, as the event loop would before the next move: the
        // scene collects dirty items in one pass, the view schedules its update in the next,
        // and the paint happens in the third.
        for (int pass = 0; pass < 3; ++pass)
            QApplication::processEvents();
        // Qt paces repaints to the display's refresh; moves in between only move the item.
        if (paints > paintsBefore)
            moves.push_back(timer.nsecsElapsed() / 1e6);
    }
    send(QEvent::MouseButtonRelease, at + QPoint(360, 0), Qt::LeftButton, Qt::NoButton);
    if (moves.empty()) {
        std::fprintf(stderr, "no repaint happened during the drag\n");
        return 1;
    }
    std::sort(moves.begin(), moves.end());
    const double median = moves[moves.size() / 2];
    const double p95 = moves[moves.size() * 95 / 100];
    std::printf("%zu elements, %zu flows, %zu boundaries | open and render %.0f ms | repaint at 100%% "
                "%.1f ms | drag, per mouse move with its repaint: median %.2f ms, 95th percentile %.2f ms, "
                "worst %.2f ms (%d repaints in 120 moves) | undo steps %d\n",
                document.model().elements().size(), document.model().flows().size(),
                document.model().boundaries().size(), openMs, fullDetailMs, median, p95, moves.back(),
                int(moves.size()),
                int(document.undoStack()->count()));
    return 0;
}

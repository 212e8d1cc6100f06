// The editor's canvas (and through it the PDF) and the HTML report's SVG draw the diagram from
// one description (report/diagramstyle.h). Every colour the SVG uses for a boundary or an
// element must show up where the canvas draws the same model: the test fails as soon as one of
// them stops taking its colours from the shared description.

#include "canvas/diagramscene.h"
#include "catalog/catalog.h"
#include "core/threatmodel.h"
#include "document.h"
#include "report/diagramstyle.h"
#include "report/diagramsvg.h"

#include <QApplication>
#include <QGraphicsItem>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSet>
#include <QStyle>
#include <QTest>

using namespace bulkhead;

namespace {

/** One boundary of each kind, side by side, each holding one element of each DFD role. */
ThreatModel everyKindAndRole()
{
    ThreatModel model;
    const char *boundaryKinds[] = {"internet",  "cloud-account",     "cluster",   "namespace",
                                   "host",      "container-network", "trust-zone"};
    const char *elementKinds[] = {"external-user", "container", "database"};
    double x = 0;
    for (const char *kind : boundaryKinds) {
        Boundary b;
        b.id = std::string("b-") + kind;
        b.kind = kind;
        b.name = kind;
        b.geometry = {x, 0, 200, 330};
        model.addBoundary(b);
        double y = 40;
        for (const char *elementKind : elementKinds) {
            Element e;
            e.id = b.id + "-" + elementKind;
            e.kind = elementKind;
            e.name = elementKind;
            e.boundary = b.id;
            e.geometry = {x + 30, y, 140, 70};
            model.addElement(e);
            y += 95;
        }
        x += 240;
    }
    return model;
}

/** The fill and stroke colours of the SVG's groups of one class (icons take theirs from the same). */
QSet<QString> svgColours(const QString &svg, const QString &group)
{
    QSet<QString> colours;
    const QRegularExpression groups(QStringLiteral("<g class=\"%1\"[^>]*>(.*?)</g>").arg(group),
                                    QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpression colour(QStringLiteral("(?:fill|stroke)=\"(#[0-9a-f]{6})\""));
    for (auto it = groups.globalMatch(svg); it.hasNext();) {
        const QString content = it.next().captured(1);
        for (auto c = colour.globalMatch(content); c.hasNext();)
            colours.insert(c.next().captured(1));
    }
    return colours;
}

} // namespace

class TestDiagramLook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thePaperPaletteIsTheSharedOne()
    {
        // The PDF draws the canvas in the standard palette; the SVG in the shared paper colours.
        const QPalette palette = QApplication::style()->standardPalette();
        QCOMPARE(palette.color(QPalette::Base).name(), QString::fromStdString(diagramstyle::paperBase.hex()));
        QCOMPARE(palette.color(QPalette::Text).name(), QString::fromStdString(diagramstyle::paperText.hex()));
    }

    void theCanvasDrawsTheSvgsColours()
    {
        const ThreatModel model = everyKindAndRole();
        const QString svg = QString::fromStdString(diagramToSvg(model, builtInCatalog()));
        const QSet<QString> expected = svgColours(svg, QStringLiteral("bh-boundary"))
                                       + svgColours(svg, QStringLiteral("bh-element"));
        // 7 boundary hues and their tints, and per DFD role a fill and an outline colour.
        QCOMPARE(expected.size(), 7 + 7 + 3 + 3);

        Document document(builtInCatalog());
        QString refused;
        QVERIFY2(document.loadModel(model, QString(), false, &refused), qPrintable(refused));
        DiagramScene scene(&document);
        scene.setShowGrid(false);
        scene.setPalette(QApplication::style()->standardPalette());
        for (QGraphicsItem *item : scene.items())
            item->setCacheMode(QGraphicsItem::NoCache);
        const QRectF bounds = scene.diagramBounds();
        QImage image(bounds.size().toSize(), QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing, false); // exact colours, no blends
        scene.render(&painter, QRectF(QPointF(0, 0), bounds.size()), bounds);
        painter.end();

        QSet<QString> drawn;
        for (int y = 0; y < image.height(); ++y) {
            const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
            for (int x = 0; x < image.width(); ++x)
                drawn.insert(QColor(line[x]).name());
        }
        for (const QString &colour : std::as_const(expected))
            QVERIFY2(drawn.contains(colour), qPrintable(colour + QStringLiteral(" is in the SVG but not on the canvas")));
    }
};

QTEST_MAIN(TestDiagramLook)
#include "tst_diagramlook.moc"

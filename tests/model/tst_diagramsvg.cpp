// The HTML report's diagram (report/diagramsvg.h) drawn as the editor draws it: boundary hues
// by kind, the kinds' icons, flows in lanes with their names on plates.

#include "catalog/catalog.h"
#include "core/threatmodel.h"
#include "report/diagramstyle.h"
#include "report/diagramsvg.h"
#include "report/kindiconfiles.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace bulkhead;

namespace {

Boundary boundary(const std::string &id, const std::string &kind, double x)
{
    Boundary b;
    b.id = id;
    b.kind = kind;
    b.name = id;
    b.geometry = {x, 0, 300, 200};
    return b;
}

Element element(const std::string &id, const std::string &kind, double x, double y)
{
    Element e;
    e.id = id;
    e.kind = kind;
    e.name = id;
    e.geometry = {x, y, 140, 70};
    return e;
}

Flow flow(const std::string &id, const std::string &source, const std::string &target)
{
    Flow f;
    f.id = id;
    f.name = id;
    f.source = source;
    f.target = target;
    return f;
}

QString svgOf(const ThreatModel &model)
{
    return QString::fromStdString(diagramToSvg(model, builtInCatalog()));
}

QStringList captures(const QString &text, const QString &pattern)
{
    QStringList out;
    const QRegularExpression expression(pattern);
    for (auto it = expression.globalMatch(text); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

} // namespace

class TestDiagramSvg : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boundariesTakeTheirKindsHue()
    {
        ThreatModel model;
        model.addBoundary(boundary("net", "internet", 0));
        model.addBoundary(boundary("box", "host", 400));
        const QString svg = svgOf(model);
        const QStringList strokes = captures(svg, QStringLiteral("<g class=\"bh-boundary\"[^>]*><rect [^>]*stroke=\"(#[0-9a-f]{6})\""));
        QCOMPARE(strokes, QStringList({QString::fromStdString(boundaryHue("internet").hex()),
                                       QString::fromStdString(boundaryHue("host").hex())}));
        QVERIFY(strokes[0] != strokes[1]);
        const QStringList fills = captures(svg, QStringLiteral("<g class=\"bh-boundary\"[^>]*><rect [^>]*fill=\"(#[0-9a-f]{6})\""));
        QCOMPARE(fills.first(), QString::fromStdString(mixDiagramColors(diagramstyle::paperBase, boundaryHue("internet"),
                                                                        diagramstyle::boundaryFillAmount).hex()));
    }

    void everyKindDrawsItsIcon()
    {
        ThreatModel model;
        model.addBoundary(boundary("box", "host", 0));
        model.addElement(element("web", "container", 20, 40));
        const QString svg = svgOf(model);
        // The icon files themselves, inlined, in the colour the canvas gives them: the hue for
        // a boundary, the role's outline colour for an element.
        const QString hostIcon = QString::fromStdString(std::string(kindIconSvg("host")));
        const QString containerIcon = QString::fromStdString(std::string(kindIconSvg("container")));
        QVERIFY(!hostIcon.isEmpty() && !containerIcon.isEmpty());
        auto body = [](const QString &file) { return file.section(QLatin1Char('>'), 1).section(QStringLiteral("</svg>"), 0, 0).trimmed(); };
        const QString hue = QString::fromStdString(boundaryHue("host").hex());
        const QString accent = QString::fromStdString(
            mixDiagramColors(diagramstyle::paperText, elementRoleTint(ElementRole::Process), diagramstyle::elementAccentAmount).hex());
        QVERIFY2(svg.contains(QString(body(hostIcon)).replace(QStringLiteral("#000000"), hue)), qPrintable(svg.left(2000)));
        QVERIFY(svg.contains(QString(body(containerIcon)).replace(QStringLiteral("#000000"), accent)));
        QCOMPARE(svg.count(QStringLiteral("<svg class=\"bh-icon\"")), 2);
        // Self-contained: nothing refers to anything.
        QVERIFY(!svg.contains(QStringLiteral("href")));
    }

    void anUnknownKindGetsTheGenericIconNeverItsText()
    {
        ThreatModel model;
        model.addElement(element("x", "\"><script>alert(1)</script>", 0, 0));
        const QString svg = svgOf(model);
        QCOMPARE(svg.count(QStringLiteral("<svg class=\"bh-icon\"")), 1);
        QVERIFY(svg.contains(QStringLiteral("<rect x=\"4\" y=\"4\" width=\"16\" height=\"16\" rx=\"3\"/>")));
        QVERIFY(!svg.contains(QStringLiteral("<script")));
    }

    void parallelFlowsTakeLanesWithLabelsApart()
    {
        ThreatModel model;
        model.addElement(element("a", "container", 0, 0));
        model.addElement(element("b", "container", 400, 0));
        model.addFlow(flow("request", "a", "b"));
        model.addFlow(flow("reply", "b", "a"));
        const QString svg = svgOf(model);
        // Each name sits on a plate of the paper colour, over its own curve.
        const QStringList plates = captures(svg, QStringLiteral("<rect x=\"[-\\d.]+\" y=\"([-\\d.]+)\"[^>]*fill=\"#ffffff\" fill-opacity"));
        QCOMPARE(plates.size(), 2);
        QVERIFY2(std::abs(plates[0].toDouble() - plates[1].toDouble()) > 20, qPrintable(plates.join(QLatin1Char(' '))));
        QCOMPARE(svg.count(QStringLiteral(" Q")), 2);
        QVERIFY(svg.contains(QStringLiteral(">request</text>")));
        QVERIFY(svg.contains(QStringLiteral(">reply</text>")));
    }

    void aLoneFlowIsStraightWithAnArrowheadAndAnOpenerDot()
    {
        ThreatModel model;
        model.addElement(element("a", "external-user", 0, 0));
        model.addElement(element("b", "container", 400, 0));
        model.addFlow(flow("calls", "a", "b"));
        const QString svg = svgOf(model);
        QVERIFY(svg.contains(QStringLiteral("<path d=\"M140,35 L400,35\"")));
        QCOMPARE(svg.count(QStringLiteral("<polygon")), 1);
        // The opener dot (the icons' circles have other radii).
        QCOMPARE(svg.count(QStringLiteral("r=\"3.5\"")), 1);
    }
};

QTEST_APPLESS_MAIN(TestDiagramSvg)
#include "tst_diagramsvg.moc"

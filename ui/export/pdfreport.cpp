#include "pdfreport.h"

#include "displaynames.h"
#include "pdfmetadata.h"
#include "canvas/diagramscene.h"
#include "document.h"
#include "pdfflowlayout.h"
#include "core/modellimits.h"
#include "core/displaynames.h"
#include "report/reportmodel.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QStyle>
#include <QTextDocument>

#include <algorithm>

namespace bulkhead {

namespace {

// The writer works at 72 dpi, so every length here is in points.
constexpr qreal sideMargin = 42;
constexpr qreal topMargin = 52;    // below the running header
constexpr qreal bottomMargin = 44; // above the footer
const QString fontFamily = QStringLiteral("DejaVu Sans");

const QColor ink(0x1c, 0x23, 0x33);
const QColor muted(0x5f, 0x67, 0x78);
const QColor rule(0xc9, 0xce, 0xd8);
const QColor brand(0x1f, 0x2a, 0x44);
const QColor accent(0x2b, 0x57, 0x97);

QColor severityColor(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return QColor(0xb3, 0x26, 0x1e);
    case Severity::High:
        return QColor(0xd9, 0x65, 0x0b);
    case Severity::Medium:
        return QColor(0xc2, 0x8a, 0x00);
    case Severity::Low:
        break;
    }
    return QColor(0x1e, 0x7b, 0x3c);
}

/**
 * Model text as shown in the report: past the documented lengths (core/limits.h) it ends in
 * "…". Qt lays out a line it cannot break in time that grows with the square of its length,
 * so a 5 MB name kept a PDF export running for minutes.
 */
QString str(std::string_view text, std::size_t limit = limits::maxReportTextLength)
{
    const std::string shown = elided(text, limit);
    return QString::fromUtf8(shown.data(), qsizetype(shown.size()));
}

/** Model text for rich text: escaped, and a word too long for any cell given places to break. */
QString esc(std::string_view text, std::size_t limit = limits::maxReportTextLength)
{
    return breakableText(str(text, limit)).toHtmlEscaped();
}

/** Names, ids and kinds: cut shorter than texts, as they sit in narrow table cells. */
QString escName(std::string_view text)
{
    return esc(text, limits::maxReportNameLength);
}

QString nameOr(const std::string &name, const std::string &id)
{
    return name.empty() ? escName(id) : escName(name);
}

QFont font(qreal points, QFont::Weight weight = QFont::Normal)
{
    QFont f(fontFamily);
    f.setPointSizeF(points);
    f.setWeight(weight);
    return f;
}

// ---------------------------------------------------------------------------------------------
// Flowing sections: Qt rich text, which breaks tables across pages and repeats <thead> rows.

const QString flowStyleSheet = QStringLiteral(
    "body { color: #1c2333; }"
    "h2 { font-size: 15pt; color: #1f2a44; margin-top: 0; margin-bottom: 6pt; }"
    "h3 { font-size: 10.5pt; color: #1f2a44; margin-top: 12pt; margin-bottom: 4pt; }"
    "p { margin-top: 0; margin-bottom: 5pt; }"
    "table { border-collapse: collapse; border-color: #c9ced8; border-style: solid; margin-bottom: "
    "8pt; }"
    "th { background-color: #e8ebf1; color: #1f2a44; font-weight: bold; text-align: left; }"
    ".muted { color: #5f6778; }"
    ".id { font-family: 'DejaVu Sans Mono'; font-size: 6.5pt; color: #2b5797; }"
    ".small { font-size: 6.5pt; }"
    ".yes { color: #1e7b3c; font-weight: bold; }"
    ".no { color: #b3261e; font-weight: bold; }");

const QString tableStart = QStringLiteral(
    "<table border='1' cellspacing='0' cellpadding='3' width='100%' "
    "style='border-collapse: collapse; border-color: #dde1e8; border-style: solid'>");

/** A subheading with space above: Qt's rich text drops both a table's bottom margin and the heading's top one. */
QString subsection(const QString &title, const QString &note = QString())
{
    return QStringLiteral("<p style='margin: 0; font-size: 5pt'>&nbsp;</p><h3>%1%2</h3>")
        .arg(title, note.isEmpty() ? QString()
                                   : QStringLiteral(" <span style='font-weight: normal; font-size: "
                                                    "8pt; color: #5f6778'>%1</span>")
                                         .arg(note));
}

/** "1 threat", "3 threats": the report is English, like the catalog it quotes. */
QString count(std::size_t n, const char *singular, const char *plural)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? singular : plural));
}

/**
 * A major section. Sections follow one another on the same page, with space between them
 * (Qt's rich text drops a heading's top margin after a table, hence the spacer);
 * keepHeadingsWithNext() moves a heading that would end a page to the next one.
 */
QString section(const QString &title, bool first = false)
{
    return (first ? QString() : QStringLiteral("<p style='margin: 0; font-size: 14pt'>&nbsp;</p>"))
           + QStringLiteral("<h2>%1</h2>").arg(title);
}

/** The severity in its colour; "up to High" when the report marks it as an upper bound. */
QString severityHtml(Severity severity, bool upTo)
{
    // "up to High" stays on one line: the threat table's cell wraps only after the arrow.
    return QStringLiteral("<span style='color:%1; font-weight:bold'>%2</span>")
        .arg(severityColor(severity).name(),
             esc(severityText(severity, upTo)).replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
}

QString subjectCell(const ReportThreat &t)
{
    return QStringLiteral("%1<br/><span class='muted small'>%2</span>")
        .arg(nameOr(t.subjectName, t.subjectId),
             escName(t.subjectKind.empty() ? t.subjectType : t.subjectKind));
}

QString topRisks(const ReportData &r)
{
    QString html = section(QObject::tr("Top risks"), true);
    if (r.summary.topRisks.empty())
        return html + QStringLiteral("<p>%1</p>").arg(QObject::tr("No open threats."));
    html += QStringLiteral("<p class='muted'>%1</p>")
                .arg(QObject::tr("The open threats with the highest residual risk, after the "
                                 "mitigations in place."));
    html += tableStart
            + QStringLiteral(
                  "<thead><tr><th width='4%'>#</th><th width='20%'>%1</th><th width='44%'>%2</th>"
                  "<th width='18%'>%3</th><th width='14%'>%4</th></tr></thead>")
                  .arg(QObject::tr("Id"), QObject::tr("Threat"), QObject::tr("Element"),
                       QObject::tr("Residual"));
    int rank = 0;
    for (std::size_t index : r.summary.topRisks) {
        const ReportThreat &t = r.threats[index];
        html += QStringLiteral("<tr><td>%1</td><td "
                               "class='id'>%2</td><td><b>%3</b></td><td>%4</td><td>%5</td></tr>")
                    .arg(++rank)
                    .arg(escName(t.id), escName(t.title), subjectCell(t),
                         severityHtml(t.residualSeverity, t.residualSeverityUpTo));
    }
    return html + QStringLiteral("</table>");
}

QString strideMatrix(const ReportData &r)
{
    QString html = section(QObject::tr("STRIDE per element"));
    html +=
        QStringLiteral("<p class='muted'>%1</p>")
            .arg(QObject::tr(
                "Open threats per subject and STRIDE category. A threat counts under each of its "
                "letters; bold cells hold threats whose primary letter it is. The total counts "
                "each threat once."));
    html += tableStart
            + QStringLiteral("<thead><tr><th width='51%'>%1</th>").arg(QObject::tr("Subject"));
    for (QChar letter : QStringLiteral("STRIDE"))
        html += QStringLiteral("<th width='7%' align='center'>%1</th>").arg(letter);
    html += QStringLiteral("<th width='7%' align='center'>%1</th></tr></thead>")
                .arg(QObject::tr("Total"));
    for (const MatrixRow &row : r.matrix) {
        html += QStringLiteral("<tr><td>%1 <span class='muted small'>%2</span></td>")
                    .arg(nameOr(row.name, row.subjectId), escName(row.kind));
        for (const StrideCell &cell : row.letters) {
            const int n = cell.open;
            // Shade by count so hot spots stand out on paper as on screen.
            const QString shade = n == 0  ? QStringLiteral("#ffffff")
                                  : n < 3 ? QStringLiteral("#fdebd3")
                                  : n < 6 ? QStringLiteral("#f8c48f")
                                          : QStringLiteral("#ef8a62");
            const QString count = n ? QString::number(n) : QStringLiteral("·");
            html += QStringLiteral("<td align='center' style='background-color:%1'>%2</td>")
                        .arg(shade, cell.primary ? QStringLiteral("<b>%1</b>").arg(count) : count);
        }
        html += QStringLiteral("<td align='center'><b>%1</b></td></tr>").arg(row.total.open);
    }
    return html + QStringLiteral("</table>");
}

QString threatTable(const ReportData &r)
{
    QString html = section(QObject::tr("Threats"));
    if (r.summary.omitted)
        html += QStringLiteral("<p class='muted'>%1</p>")
                    .arg(QObject::tr("%1 left out by the report options.")
                             .arg(count(r.summary.omitted, "threat", "threats")));
    html += tableStart + QStringLiteral("<thead><tr>");
    // The short columns take the width of their content (0: no constraint); the text columns
    // share what is left in these proportions.
    const std::pair<QString, int> columns[] = {{QObject::tr("Id"), 13},
                                               {QObject::tr("STRIDE"), 0},
                                               {QObject::tr("Threat"), 27},
                                               {QObject::tr("Element"), 13},
                                               {QObject::tr("Severity → residual"), 12},
                                               {QObject::tr("Status"), 9},
                                               {QObject::tr("Mitigations"), 22}};
    for (const auto &[title, width] : columns)
        html += width ? QStringLiteral("<th width='%2%'>%1</th>").arg(title).arg(width)
                      : QStringLiteral("<th>%1</th>").arg(title);
    html += QStringLiteral("</tr></thead>");
    for (const ReportThreat &t : r.threats) {
        QString details = QStringLiteral("<b>%1</b>").arg(escName(t.title));
        if (!t.explanation.empty())
            details +=
                QStringLiteral("<br/><span class='muted small'>%1</span>").arg(esc(t.explanation));
        if (!t.justification.empty())
            details += QStringLiteral("<br/><span class='small'><i>%1</i> %2</span>")
                           .arg(QObject::tr("Justification:"), esc(t.justification));
        QString mitigations;
        for (const ReportMitigation &m : t.mitigations)
            mitigations += QStringLiteral("%1%2 %3").arg(
                mitigations.isEmpty() ? QString() : QStringLiteral("<br/>"),
                m.implemented ? QStringLiteral("<span class='yes'>✔</span>")
                              : QStringLiteral("<span class='no'>✘</span>"),
                esc(m.title));
        QString status = esc(threatStatusTitle(t.status));
        if (t.needsConfirmation)
            status += QStringLiteral("<br/><span class='muted small'>%1</span>")
                          .arg(QObject::tr("needs confirmation"));
        html +=
            QStringLiteral(
                "<tr><td class='id'>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5&nbsp;→ %6%7</td>"
                "<td>%8</td><td class='small'>%9</td></tr>")
                .arg(escName(t.id), escName(t.stride), details, subjectCell(t),
                     severityHtml(t.severity, t.severityUpTo),
                     severityHtml(t.residualSeverity, t.residualSeverityUpTo),
                     t.severityOverridden
                         ? QStringLiteral("<br/><span class='muted small'>%1</span>")
                               .arg(QObject::tr("override"))
                         : QString(),
                     status, mitigations);
    }
    return html + QStringLiteral("</table>");
}

/** A coverage bar as a two-cell table: rich text has no drawing, but cells take widths. */
QString coverageBar(int percent)
{
    const int done = std::clamp(percent, 0, 100);
    QString bar = QStringLiteral(
        "<table cellspacing='0' cellpadding='0' width='60%' style='margin-bottom:4pt'><tr>");
    if (done > 0)
        bar += QStringLiteral("<td width='%1%' style='background-color:#1e7b3c'>&nbsp;</td>")
                   .arg(done);
    if (done < 100)
        bar += QStringLiteral("<td width='%1%' style='background-color:#e3e6ec'>&nbsp;</td>")
                   .arg(100 - done);
    return bar + QStringLiteral("</tr></table>");
}

QString defenseInDepth(const ReportData &r)
{
    QString html = section(QObject::tr("Defense-in-depth mitigation report"));
    html += QStringLiteral("<p class='muted'>%1</p>")
                .arg(QObject::tr(
                    "Per layer, from image to monitoring: the mitigations the threats recommend, "
                    "whether they are in place, and the threats each one covers."));
    for (const DefenseLayerReport &layer : r.layers) {
        html += subsection(esc(layer.title));
        if (layer.coveragePercent < 0) {
            html += QStringLiteral("<p class='muted'>%1</p>")
                        .arg(QObject::tr(
                            "No threat in this report recommends a control of this layer."));
            continue;
        }
        html += QStringLiteral("<p>%1</p>")
                    .arg(QObject::tr("Coverage %1% · %2 implemented · %3 partial · %4 missing")
                             .arg(layer.coveragePercent)
                             .arg(layer.implemented)
                             .arg(layer.partial)
                             .arg(layer.missing));
        html += coverageBar(layer.coveragePercent);
        html += tableStart
                + QStringLiteral("<thead><tr><th width='40%'>%1</th><th width='14%'>%2</th><th "
                                 "width='46%'>%3</th></tr></thead>")
                      .arg(QObject::tr("Mitigation"), QObject::tr("State"),
                           QObject::tr("Threats it covers"));
        for (const LayerMitigation &m : layer.mitigations) {
            QStringList threats;
            for (const std::string &id : m.threats)
                threats << escName(id);
            const QString state =
                m.state == CoverageState::Implemented
                    ? QStringLiteral("<span class='yes'>%1</span>").arg(QObject::tr("Implemented"))
                : m.state == CoverageState::Partial
                    ? QStringLiteral("<span class='no'>%1</span> %2")
                          .arg(
                              QObject::tr("Partial"),
                              QObject::tr("(%1 of %2)").arg(m.implementedFor).arg(m.threats.size()))
                    : QStringLiteral("<span class='no'>%1</span>").arg(QObject::tr("Missing"));
            html += QStringLiteral("<tr><td>%1<br/><span class='id'>%2</span></td><td>%3</td><td "
                                   "class='id'>%4</td></tr>")
                        .arg(esc(m.title), escName(m.id), state,
                             threats.join(QStringLiteral(", ")));
        }
        html += QStringLiteral("</table>");
    }
    return html;
}

QString needsConfirmation(const ReportData &r)
{
    QString html = section(QObject::tr("Needs confirmation"));
    if (r.needsConfirmation.empty())
        return html
               + QStringLiteral("<p>%1</p>")
                     .arg(QObject::tr("No threat rests on an unknown property value."));
    html += QStringLiteral("<p class='muted'>%1</p>")
                .arg(
                    QObject::tr("These threats fired because a property the rule reads is unknown. "
                                "Answering the questions below settles them."));
    if (!r.questions.empty()) {
        html += tableStart
                + QStringLiteral("<thead><tr><th width='45%'>%1</th><th width='40%'>%2</th><th "
                                 "width='15%'>%3</th></tr></thead>")
                      .arg(QObject::tr("Where"), QObject::tr("Property to confirm"),
                           QObject::tr("Settles"));
        for (const ReportQuestion &q : r.questions)
            html += QStringLiteral("<tr><td>%1</td><td class='id'>%2</td><td>%3</td></tr>")
                        .arg(nameOr(q.holderName, q.holderId), escName(q.property),
                             count(std::size_t(q.settles), "threat", "threats"));
        html += QStringLiteral("</table>");
    }
    html += subsection(QObject::tr("Threats awaiting an answer"));
    html += tableStart
            + QStringLiteral("<thead><tr><th width='22%'>%1</th><th width='52%'>%2</th><th "
                             "width='26%'>%3</th></tr></thead>")
                  .arg(QObject::tr("Id"), QObject::tr("Threat"), QObject::tr("Element"));
    for (std::size_t index : r.needsConfirmation) {
        const ReportThreat &t = r.threats[index];
        html += QStringLiteral("<tr><td class='id'>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(escName(t.id), escName(t.title), nameOr(t.subjectName, t.subjectId));
    }
    return html + QStringLiteral("</table>");
}

QString appendix(const ReportData &r)
{
    QString html = section(QObject::tr("Appendix: elements"));
    for (const AppendixEntry &e : r.appendix) {
        html += subsection(
            nameOr(e.name, e.id),
            esc(e.type) + QStringLiteral(" · ") + escName(e.kind)
                + (e.inScope ? QString() : QStringLiteral(" · ") + QObject::tr("out of scope")));
        if (!e.properties.empty()) {
            html += QStringLiteral(
                "<table border='1' cellspacing='0' cellpadding='2' width='75%' "
                "style='border-collapse: collapse; border-color: #e3e6ec; border-style: solid'>");
            for (const AppendixProperty &p : e.properties)
                html += QStringLiteral("<tr><td width='40%' class='muted'>%1</td><td>%2</td></tr>")
                            .arg(escName(p.name), esc(p.value));
            html += QStringLiteral("</table>");
        }
        QStringList threats;
        for (const std::string &id : e.threats)
            threats << escName(id);
        html += QStringLiteral("<p class='small'><b>%1</b> <span class='id'>%2</span></p>")
                    .arg(QObject::tr("Threats:"), threats.isEmpty()
                                                      ? QObject::tr("none")
                                                      : threats.join(QStringLiteral(", ")));
    }
    return html;
}

/**
 * The references in two columns of small print, one line each: the label, then the address.
 * References without an address that share a source ("CIS Docker Benchmark 1.6.0 5.11") are
 * listed together after it ("… 1.6.0: 5.10, 5.11"). A list of one per line ran over
 * several pages.
 */
QString references(const ReportData &r)
{
    QString html = section(QObject::tr("References"));
    QStringList entries;
    QString groupSource;
    QStringList groupItems;
    auto closeGroup = [&] {
        if (!groupItems.isEmpty())
            entries << QStringLiteral("%1: %2").arg(groupSource.toHtmlEscaped(),
                                                    groupItems.join(QStringLiteral(", ")));
        groupItems.clear();
    };
    for (const ReportReference &ref : r.references) {
        const QString label = str(ref.label);
        const qsizetype space = label.lastIndexOf(QLatin1Char(' '));
        if (ref.url.empty() && space > 0) {
            if (label.left(space) != groupSource)
                closeGroup();
            groupSource = label.left(space);
            groupItems << breakableText(label.mid(space + 1)).toHtmlEscaped();
            continue;
        }
        closeGroup();
        groupSource.clear();
        entries << esc(ref.label)
                       + (ref.url.empty()
                              ? QString()
                              : QStringLiteral(" <span class='muted'>%1</span>").arg(esc(ref.url)));
    }
    closeGroup();
    if (entries.isEmpty())
        return html;
    html += QStringLiteral("<table cellspacing='0' cellpadding='1' width='100%'>");
    const qsizetype rows = (entries.size() + 1) / 2;
    for (qsizetype row = 0; row < rows; ++row) {
        html += QStringLiteral("<tr><td width='50%' class='small'>%1</td><td width='50%' "
                               "class='small'>%2</td></tr>")
                    .arg(entries[row],
                         row + rows < entries.size() ? entries[row + rows] : QString());
    }
    return html + QStringLiteral("</table>");
}

// ---------------------------------------------------------------------------------------------
// Drawn pages.

class PdfPages
{
public:
    PdfPages(QPdfWriter &writer, QPainter &painter, const ReportData &report)
        : m_writer(writer)
        , m_painter(painter)
        , m_report(report)
    {}

    QRectF page() const { return QRectF(0, 0, m_writer.width(), m_writer.height()); }

    /** Starts a page (the first one is started by QPainter::begin). */
    QRectF startPage(QPageLayout::Orientation orientation)
    {
        if (m_pageNumber > 0) {
            m_writer.setPageOrientation(orientation);
            m_writer.newPage();
        }
        ++m_pageNumber;
        // The page size changes with the orientation: map painter units to it afresh.
        const QRect device(0, 0, m_writer.width(), m_writer.height());
        m_painter.setViewport(device);
        m_painter.setWindow(device);
        m_painter.resetTransform();
        m_painter.setClipping(false);
        return page();
    }

    void runningHeader(const QString &sectionTitle)
    {
        const QRectF p = page();
        m_painter.setPen(muted);
        m_painter.setFont(font(7));
        const QRectF line(sideMargin, 20, p.width() - 2 * sideMargin, 12);
        m_painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                           QFontMetricsF(m_painter.font(), &m_writer)
                               .elidedText(str(m_report.cover.title, limits::maxReportNameLength),
                                           Qt::ElideRight, line.width() * 0.6));
        m_painter.drawText(line, Qt::AlignRight | Qt::AlignVCenter, sectionTitle);
        m_painter.setPen(QPen(rule, 0.5));
        m_painter.drawLine(QPointF(sideMargin, 35), QPointF(p.width() - sideMargin, 35));
    }

    void footer(int pageCount)
    {
        const QRectF p = page();
        m_painter.setPen(QPen(rule, 0.5));
        m_painter.drawLine(QPointF(sideMargin, p.height() - 32),
                           QPointF(p.width() - sideMargin, p.height() - 32));
        m_painter.setPen(muted);
        m_painter.setFont(font(7));
        const QRectF line(sideMargin, p.height() - 28, p.width() - 2 * sideMargin, 12);
        m_painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                           QObject::tr("Bulkhead %1 · %2")
                               .arg(str(m_report.cover.appVersion), str(m_report.cover.date)));
        m_painter.drawText(line, Qt::AlignRight | Qt::AlignVCenter,
                           QObject::tr("Page %1 of %2").arg(m_pageNumber).arg(pageCount));
    }

    void cover(int pageCount);
    QRectF diagram(DiagramScene &scene, const QRectF &bounds, int pageCount);
    void flow(QTextDocument &document, int pageCount);

    int pageNumber() const { return m_pageNumber; }

private:
    /** Draws `text` word-wrapped into `box`, shrinking the font until it fits; returns the height used. */
    qreal fittedText(const QRectF &box, const QString &text, qreal points, QFont::Weight weight,
                     int flags = Qt::AlignLeft | Qt::AlignTop);
    void severityCards(const QRectF &area);
    void barChart(const QRectF &area, const QString &title,
                  const std::vector<std::pair<QString, int>> &bars,
                  const std::vector<QColor> &colors);

    QPdfWriter &m_writer;
    QPainter &m_painter;
    const ReportData &m_report;
    int m_pageNumber = 0;
};

qreal PdfPages::fittedText(const QRectF &box, const QString &text, qreal points,
                           QFont::Weight weight, int flags)
{
    QFont f = font(points, weight);
    QRectF needed;
    for (; points >= 6; points -= 1) {
        f.setPointSizeF(points);
        needed = QFontMetricsF(f, &m_writer).boundingRect(box, flags | Qt::TextWordWrap, text);
        if (needed.height() <= box.height() && needed.width() <= box.width())
            break;
    }
    m_painter.save();
    m_painter.setFont(f);
    m_painter.setClipRect(box);
    m_painter.drawText(box, flags | Qt::TextWordWrap, text);
    m_painter.restore();
    return std::min(needed.height(), box.height());
}

void PdfPages::cover(int pageCount)
{
    const QRectF p = startPage(QPageLayout::Portrait);
    const ReportCover &c = m_report.cover;
    const qreal width = p.width() - 2 * sideMargin;

    // Title band.
    m_painter.fillRect(QRectF(0, 0, p.width(), 230), brand);
    m_painter.fillRect(QRectF(0, 230, p.width(), 4), accent);
    m_painter.setPen(QColor(0xb8, 0xc4, 0xdc));
    m_painter.setFont(font(8.5, QFont::DemiBold));
    m_painter.drawText(QRectF(sideMargin, 56, width, 14), Qt::AlignLeft,
                       QObject::tr("STRIDE THREAT MODEL REPORT"));
    m_painter.setPen(Qt::white);
    const QString title = str(c.title, limits::maxReportNameLength);
    fittedText(QRectF(sideMargin, 78, width, 120), title, 26, QFont::Bold,
               Qt::AlignLeft | Qt::AlignBottom);

    qreal y = 256;
    m_painter.setPen(ink);
    if (!c.description.empty())
        y += fittedText(QRectF(sideMargin, y, width, 96), str(c.description), 9.5, QFont::Normal)
             + 16;

    // Who and what.
    QStringList reviewers;
    for (const std::string &name : c.reviewers)
        reviewers << str(name, limits::maxReportNameLength);
    const std::pair<QString, QString> facts[] = {
        {QObject::tr("Owner"),
         c.owner.empty() ? QStringLiteral("—") : str(c.owner, limits::maxReportNameLength)},
        {QObject::tr("Reviewers"),
         reviewers.isEmpty() ? QStringLiteral("—") : reviewers.join(QStringLiteral(", "))},
        {QObject::tr("Version"),
         c.version.empty() ? QStringLiteral("—") : str(c.version, limits::maxReportNameLength)},
        {QObject::tr("Date"), str(c.date)},
        {QObject::tr("Generated by"), QObject::tr("Bulkhead %1").arg(str(c.appVersion))},
        {QObject::tr("Catalog"),
         QObject::tr("%1 threats, %2 mitigations").arg(c.catalogThreats).arg(c.catalogMitigations)},
    };
    for (const auto &[label, value] : facts) {
        m_painter.setPen(muted);
        m_painter.setFont(font(8));
        m_painter.drawText(QRectF(sideMargin, y, 90, 14), Qt::AlignLeft | Qt::AlignVCenter, label);
        m_painter.setPen(ink);
        m_painter.setFont(font(9));
        const QRectF valueBox(sideMargin + 90, y, width - 90, 14);
        m_painter.drawText(valueBox, Qt::AlignLeft | Qt::AlignVCenter,
                           QFontMetricsF(m_painter.font(), &m_writer)
                               .elidedText(value, Qt::ElideRight, valueBox.width()));
        y += 16;
    }

    // Executive summary.
    y += 18;
    m_painter.setPen(brand);
    m_painter.setFont(font(15, QFont::Bold));
    m_painter.drawText(QRectF(sideMargin, y, width, 22), Qt::AlignLeft | Qt::AlignVCenter,
                       QObject::tr("Executive summary"));
    y += 26;
    const ReportSummary &s = m_report.summary;
    QString overview = QObject::tr(
                           "The analysis found %1: %2 open, %3 resting on unknown property values.")
                           .arg(count(s.threats, "threat", "threats"))
                           .arg(s.open)
                           .arg(s.needsConfirmation);
    if (s.omitted)
        overview +=
            QLatin1Char(' ')
            + QObject::tr("%1 left out of the tables by the report options.").arg(s.omitted);
    m_painter.setPen(ink);
    y += fittedText(QRectF(sideMargin, y, width, 30), overview, 9.5, QFont::Normal) + 10;

    severityCards(QRectF(sideMargin, y, width, 62));
    y += 62 + 22;

    std::vector<std::pair<QString, int>> stride;
    for (std::size_t i = 0; i < s.openByStride.size(); ++i)
        stride.emplace_back(strideName(i), s.openByStride[i]);
    std::vector<std::pair<QString, int>> statuses;
    for (std::size_t i = 0; i < s.byStatus.size(); ++i)
        statuses.emplace_back(str(threatStatusTitle(ThreatStatus(i))), s.byStatus[i]);
    const qreal chartWidth = (width - 24) / 2;
    const qreal chartHeight = std::min<qreal>(150, p.height() - bottomMargin - y - 10);
    barChart(QRectF(sideMargin, y, chartWidth, chartHeight),
             QObject::tr("Open threats by STRIDE category"), stride, {accent});
    barChart(QRectF(sideMargin + chartWidth + 24, y, chartWidth, chartHeight),
             QObject::tr("All threats by status"), statuses, {QColor(0x5f, 0x67, 0x78)});
    footer(pageCount);
}

void PdfPages::severityCards(const QRectF &area)
{
    const qreal gap = 10;
    const qreal cardWidth = (area.width() - 3 * gap) / 4;
    for (int i = 0; i < 4; ++i) {
        const auto severity = Severity(3 - i);
        const QRectF card(area.left() + i * (cardWidth + gap), area.top(), cardWidth,
                          area.height());
        m_painter.setPen(QPen(rule, 0.6));
        m_painter.setBrush(QColor(0xf7, 0xf8, 0xfa));
        m_painter.drawRect(card);
        m_painter.fillRect(QRectF(card.left(), card.top(), 4, card.height()),
                           severityColor(severity));
        m_painter.setPen(severityColor(severity));
        m_painter.setFont(font(22, QFont::Bold));
        m_painter.drawText(card.adjusted(14, 6, -6, -22), Qt::AlignLeft | Qt::AlignVCenter,
                           QString::number(m_report.summary.openBySeverity[std::size_t(severity)]));
        m_painter.setPen(muted);
        m_painter.setFont(font(7.5));
        m_painter.drawText(card.adjusted(14, card.height() - 22, -6, -6),
                           Qt::AlignLeft | Qt::AlignVCenter,
                           QObject::tr("Open %1").arg(str(severityTitle(severity)).toLower()));
    }
    m_painter.setBrush(Qt::NoBrush);
}

void PdfPages::barChart(const QRectF &area, const QString &title,
                        const std::vector<std::pair<QString, int>> &bars,
                        const std::vector<QColor> &colors)
{
    m_painter.setPen(brand);
    m_painter.setFont(font(9, QFont::Bold));
    m_painter.drawText(QRectF(area.left(), area.top(), area.width(), 14),
                       Qt::AlignLeft | Qt::AlignVCenter, title);
    int largest = 1;
    for (const auto &bar : bars)
        largest = std::max(largest, bar.second);
    const qreal labelWidth = area.width() * 0.45;
    const qreal rowHeight = std::min<qreal>(16, (area.height() - 20) / qreal(bars.size()));
    qreal y = area.top() + 20;
    for (std::size_t i = 0; i < bars.size(); ++i, y += rowHeight) {
        const auto &[label, value] = bars[i];
        m_painter.setPen(ink);
        m_painter.setFont(font(7.5));
        m_painter.drawText(QRectF(area.left(), y, labelWidth - 4, rowHeight),
                           Qt::AlignLeft | Qt::AlignVCenter, label);
        const qreal track = area.width() - labelWidth - 26;
        const QRectF bar(area.left() + labelWidth, y + rowHeight * 0.2, track * value / largest,
                         rowHeight * 0.6);
        m_painter.fillRect(QRectF(bar.left(), bar.top(), track, bar.height()),
                           QColor(0xee, 0xf0, 0xf4));
        m_painter.fillRect(bar, colors[i % colors.size()]);
        m_painter.drawText(QRectF(area.left() + labelWidth + track + 4, y, 22, rowHeight),
                           Qt::AlignLeft | Qt::AlignVCenter, QString::number(value));
    }
}

QRectF PdfPages::diagram(DiagramScene &scene, const QRectF &bounds, int pageCount)
{
    const QRectF p = startPage(QPageLayout::Landscape);
    runningHeader(QObject::tr("Data-flow diagram"));
    m_painter.setPen(brand);
    m_painter.setFont(font(15, QFont::Bold));
    m_painter.drawText(QRectF(sideMargin, topMargin - 6, p.width() - 2 * sideMargin, 22),
                       Qt::AlignLeft | Qt::AlignVCenter, QObject::tr("Data-flow diagram"));
    const QRectF area(sideMargin, topMargin + 24, p.width() - 2 * sideMargin,
                      p.height() - topMargin - 24 - bottomMargin);
    QRectF drawn;
    if (!bounds.isEmpty()) {
        const QRectF source = bounds.adjusted(-12, -12, 12, 12);
        // Whole diagram, aspect kept; small diagrams are not blown up past 1.5× so that boxes
        // stay the size of text around them.
        const qreal scale = std::min(
            {area.width() / source.width(), area.height() / source.height(), 1.5});
        drawn = QRectF(0, 0, source.width() * scale, source.height() * scale);
        drawn.moveCenter(area.center());
        drawn.moveTop(area.top());
        scene.render(&m_painter, drawn, source, Qt::KeepAspectRatio);
    } else {
        m_painter.setPen(muted);
        m_painter.setFont(font(10));
        m_painter.drawText(area, Qt::AlignCenter, QObject::tr("The model has no elements."));
    }
    footer(pageCount);
    return drawn;
}

void PdfPages::flow(QTextDocument &document, int pageCount)
{
    const qreal bodyHeight = document.pageSize().height();
    for (int p = 0; p < document.pageCount(); ++p) {
        startPage(QPageLayout::Portrait);
        runningHeader(QObject::tr("Threat model report"));
        m_painter.save();
        m_painter.translate(sideMargin, topMargin - p * bodyHeight);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = QRectF(0, p * bodyHeight, document.pageSize().width(), bodyHeight);
        context.palette.setColor(QPalette::Text, ink);
        m_painter.setClipRect(context.clip);
        document.documentLayout()->draw(&m_painter, context);
        m_painter.restore();
        footer(pageCount);
    }
}

} // namespace

std::optional<PdfReportLayout> writePdfReport(const QString &path, const ReportData &report,
                                              const ThreatModel &model, const Catalog &catalog,
                                              QString *error, const SaveOptions &options)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    // The target is checked before the (slow) drawing; the pages go to memory, then to it.
    AtomicFileWriter output(QFile::encodeName(path).toStdString(), options);
    if (!output.ok())
        return fail(QString::fromStdString(output.commit().error()));
    QByteArray pdf;
    QBuffer file(&pdf);
    file.open(QIODevice::WriteOnly);
    // The diagram as the canvas draws it, from a scene of its own.
    Document document(catalog);
    if (QString refused; !document.loadModel(model, QString(), false, &refused))
        return fail(QObject::tr("%1: cannot draw the diagram: %2").arg(path, refused));

    DiagramScene scene(&document);
    scene.setShowGrid(false);
    scene.setPalette(QApplication::style()->standardPalette());
    // Items cache their look as pixmaps for the screen; paper gets vectors and real text.
    for (QGraphicsItem *item : scene.items())
        item->setCacheMode(QGraphicsItem::NoCache);
    const QRectF bounds = scene.diagramBounds();

    QPdfWriter writer(&file);
    writer.setResolution(72);
    writer.setPageSize(
        QPageSize(report.options.pageSize == "Letter" ? QPageSize::Letter : QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Portrait);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(str(report.cover.title, limits::maxReportNameLength));
    writer.setCreator(
        QStringLiteral("Bulkhead %1").arg(QString::fromStdString(report.cover.appVersion)));
    writer.setDocumentXmpMetadata(pdfXmpMetadata(report.cover));

    // Laid out before painting so that every footer can say "page n of m".
    QTextDocument flowing;
    flowing.documentLayout()->setPaintDevice(&writer);
    flowing.setDefaultFont(font(7.5));
    flowing.setDefaultStyleSheet(flowStyleSheet);
    // Words are never broken: ids and addresses carry their own break opportunities.
    QTextOption wrapping;
    wrapping.setWrapMode(QTextOption::WordWrap);
    flowing.setDefaultTextOption(wrapping);
    flowing.setDocumentMargin(0);
    flowing.setPageSize(
        QSizeF(writer.width() - 2 * sideMargin, writer.height() - topMargin - bottomMargin));
    const QString html = topRisks(report) + strideMatrix(report) + threatTable(report)
                         + defenseInDepth(report) + needsConfirmation(report) + appendix(report)
                         + references(report);
    keepHeadingsWithNext(flowing, html);
    const int pageCount = 2 + flowing.pageCount();

    QPainter painter;
    if (!painter.begin(&writer))
        return fail(QObject::tr("%1: cannot write the PDF").arg(path));
    painter.setRenderHint(QPainter::Antialiasing);
    PdfPages pages(writer, painter, report);
    PdfReportLayout layout;
    pages.cover(pageCount);
    layout.diagramRect = pages.diagram(scene, bounds, pageCount);
    layout.diagramPage = pages.pageNumber();
    layout.diagramPageSize = pages.page().size();
    pages.flow(flowing, pageCount);
    layout.pageCount = pages.pageNumber();
    painter.end();
    file.close();
    output.stream().write(pdf.constData(), pdf.size());
    if (const Status saved = output.commit(); !saved)
        return fail(QString::fromStdString(saved.error()));
    return layout;
}

Status writePdfReportFile(const std::string &path, const ReportData &report,
                          const ThreatModel &model, const Catalog &catalog,
                          const SaveOptions &options)
{
    QString error;
    if (!writePdfReport(QString::fromStdString(path), report, model, catalog, &error, options))
        return Status::failure(error.toStdString());
    return {};
}

} // namespace bulkhead

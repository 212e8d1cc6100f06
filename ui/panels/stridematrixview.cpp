#include "stridematrixview.h"

#include "analysis/stridematrix.h"
#include "analysiscontroller.h"
#include "catalog/catalog.h"
#include "displaynames.h"
#include "document.h"
#include "report/threatsubject.h"

#include <QAbstractTableModel>
#include <QEvent>
#include <QHash>
#include <QHeaderView>
#include <QSortFilterProxyModel>

#include <array>
#include <cmath>
#include <vector>

namespace bulkhead {

namespace {

constexpr int SortRole = Qt::UserRole;
constexpr int IdRole = Qt::UserRole + 1;
constexpr int cellCount = 7; // S T R I D E, total
/** Threat ids listed in a cell's tooltip before "and N more". */
constexpr int maximumTooltipIds = 25;

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

qreal luminance(const QColor &c)
{
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
}

/** How far a cell's background moves from Base toward Highlight. */
qreal severityStrength(Severity severity)
{
    switch (severity) {
    case Severity::Low:
        return 0.15;
    case Severity::Medium:
        return 0.35;
    case Severity::High:
        return 0.6;
    case Severity::Critical:
        return 0.9;
    }
    return 0.0;
}

/** A column's category, or all of them for the total column. */
QString columnName(int letter)
{
    return letter >= 0 && letter < 6 ? strideName(std::size_t(letter))
                                     : StrideMatrixView::tr("All categories");
}

} // namespace

class StrideMatrixModel : public QAbstractTableModel
{
public:
    struct Cell
    {
        StrideCell counts;
        QStringList openIds; // "ID (Severity)", capped
    };
    struct Row
    {
        QString subjectId;
        QString name;
        QString kind;
        std::array<Cell, cellCount> cells;
    };

    explicit StrideMatrixModel(QWidget *paletteSource)
        : QAbstractTableModel(paletteSource)
        , m_paletteSource(paletteSource)
    {}

    /** The model's matrix (buildStrideMatrix) of every threat, named for the reader. */
    void reload(const Document &document, const AnalysisResult &result)
    {
        beginResetModel();
        m_rows.clear();
        std::vector<const Threat *> threats;
        threats.reserve(result.threats.size());
        for (const Threat &threat : result.threats)
            threats.push_back(&threat);
        const StrideMatrix matrix = buildStrideMatrix(threats);
        m_rows.reserve(matrix.rows.size());
        for (const StrideMatrixRow &matrixRow : matrix.rows) {
            Row row;
            row.subjectId = QString::fromStdString(matrixRow.subjectId);
            describe(document, *threats[matrixRow.firstThreat], row);
            for (int c = 0; c < cellCount; ++c) {
                Cell &cell = row.cells[std::size_t(c)];
                cell.counts = c < 6 ? matrixRow.letters[std::size_t(c)] : matrixRow.total;
                for (const std::size_t i : cell.counts.openThreats) {
                    if (cell.openIds.size() == maximumTooltipIds)
                        break;
                    const Threat &threat = *threats[i];
                    const bool primary = c < 6 && !threat.stride().empty()
                                         && strideIndex(threat.stride().front()) == c;
                    cell.openIds.append((primary ? StrideMatrixView::tr("%1 (%2, primary letter)")
                                                 : StrideMatrixView::tr("%1 (%2)"))
                                            .arg(QString::fromStdString(threat.id()),
                                                 severityName(threat.residualSeverity)));
                }
            }
            m_rows.push_back(std::move(row));
        }
        endResetModel();
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : StrideMatrixView::ColumnCount;
    }

    const Row *row(int r) const
    {
        return r >= 0 && r < int(m_rows.size()) ? &m_rows[std::size_t(r)] : nullptr;
    }
    int rowOf(const QString &subjectId) const
    {
        for (int r = 0; r < int(m_rows.size()); ++r)
            if (m_rows[std::size_t(r)].subjectId == subjectId)
                return r;
        return -1;
    }

    QColor cellColor(const Cell &cell) const
    {
        if (!cell.counts.worst)
            return QColor();
        const QPalette pal = m_paletteSource->palette();
        return blend(pal.color(QPalette::Base), pal.color(QPalette::Highlight),
                     severityStrength(*cell.counts.worst));
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        const Row *r = row(index.row());
        if (!r)
            return {};
        const int column = index.column();
        if (role == IdRole)
            return r->subjectId;
        if (column == StrideMatrixView::NameColumn || column == StrideMatrixView::KindColumn) {
            const QString &text = column == StrideMatrixView::NameColumn ? r->name : r->kind;
            switch (role) {
            case Qt::DisplayRole:
                return text;
            case SortRole:
                return text.toLower();
            case Qt::ToolTipRole:
                return column == StrideMatrixView::NameColumn
                           ? StrideMatrixView::tr("%1 (%2)").arg(r->name, r->subjectId)
                           : QVariant();
            default:
                return {};
            }
        }
        const int c = column - StrideMatrixView::FirstStrideColumn;
        if (c < 0 || c >= cellCount)
            return {};
        const Cell &cell = r->cells[std::size_t(c)];
        switch (role) {
        case Qt::DisplayRole:
            return cell.counts.open > 0 ? QString::number(cell.counts.open) : QString();
        case SortRole:
            return cell.counts.open * 8 + (cell.counts.worst ? int(*cell.counts.worst) + 1 : 0);
        case Qt::TextAlignmentRole:
            return int(Qt::AlignCenter);
        case Qt::BackgroundRole: {
            const QColor color = cellColor(cell);
            return color.isValid() ? QVariant(color) : QVariant();
        }
        case Qt::ForegroundRole: {
            // Whichever of the palette's text colours stands out more on the shading.
            const QColor background = cellColor(cell);
            if (!background.isValid())
                return {};
            const QPalette pal = m_paletteSource->palette();
            const QColor text = pal.color(QPalette::Text);
            const QColor highlighted = pal.color(QPalette::HighlightedText);
            const qreal b = luminance(background);
            return std::abs(luminance(text) - b) >= std::abs(luminance(highlighted) - b)
                       ? text
                       : highlighted;
        }
        case Qt::FontRole:
            // Bold marks the total and the cells holding a threat's primary letter.
            if (column == StrideMatrixView::TotalColumn || cell.counts.primary > 0) {
                QFont font = m_paletteSource->font();
                font.setBold(true);
                return font;
            }
            return {};
        case Qt::ToolTipRole:
            return tooltip(*r, c, cell);
        default:
            return {};
        }
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal)
            return {};
        if (role == Qt::DisplayRole) {
            if (section == StrideMatrixView::NameColumn)
                return StrideMatrixView::tr("Subject");
            if (section == StrideMatrixView::KindColumn)
                return StrideMatrixView::tr("Kind");
            if (section == StrideMatrixView::TotalColumn)
                return StrideMatrixView::tr("Total");
            const int c = section - StrideMatrixView::FirstStrideColumn;
            if (c >= 0 && c < 6)
                return QString(QLatin1Char(strideLetters[std::size_t(c)]));
        }
        if (role == Qt::ToolTipRole && section >= StrideMatrixView::FirstStrideColumn)
            return StrideMatrixView::tr("Open threats: %1")
                .arg(columnName(section - StrideMatrixView::FirstStrideColumn));
        if (role == Qt::TextAlignmentRole && section >= StrideMatrixView::FirstStrideColumn)
            return int(Qt::AlignCenter);
        return {};
    }

    void paletteChanged()
    {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    }

private:
    static void describe(const Document &document, const Threat &threat, Row &row)
    {
        const ThreatModel &model = document.model();
        const Catalog &catalog = document.catalog();
        auto kindName = [&catalog](const std::string &kind) {
            const ElementKind *k = catalog.findKind(kind);
            return k ? QString::fromStdString(k->displayName) : QString::fromStdString(kind);
        };
        const ItemRef subject = threatSubjectById(threat, model);
        if (subject)
            row.name = QString::fromStdString(shownName(model, subject));
        if (const Element *e = subject.element()) {
            row.kind = kindName(e->kind);
        } else if (const Boundary *b = subject.boundary()) {
            row.kind = StrideMatrixView::tr("%1 (boundary)").arg(kindName(b->kind));
        } else if (subject) {
            row.kind = StrideMatrixView::tr("Data flow");
        } else if (threat.subjectType == SubjectType::Model) {
            row.name = QString::fromStdString(model.metadata().title);
            row.kind = StrideMatrixView::tr("Whole model");
        }
        if (row.name.isEmpty())
            row.name = row.subjectId;
    }

    static QString tooltip(const Row &row, int c, const Cell &cell)
    {
        QStringList lines;
        lines.append(StrideMatrixView::tr("%1 \u2014 %2").arg(row.name, columnName(c)));
        const StrideCell &counts = cell.counts;
        if (counts.open == 0)
            lines.append(StrideMatrixView::tr("No open threats"));
        else
            lines.append(StrideMatrixView::tr("%n open threat(s), worst %1:", nullptr, counts.open)
                             .arg(severityName(*counts.worst)));
        lines.append(cell.openIds);
        if (counts.open > cell.openIds.size())
            lines.append(
                StrideMatrixView::tr("\u2026 and %1 more").arg(counts.open - cell.openIds.size()));
        if (counts.closed > 0)
            lines.append(StrideMatrixView::tr("%n closed (mitigated, accepted, \u2026)", nullptr,
                                              counts.closed));
        return lines.join(QLatin1Char('\n'));
    }

    QWidget *m_paletteSource;
    std::vector<Row> m_rows;
};

StrideMatrixView::StrideMatrixView(AnalysisController *analysis, QWidget *parent)
    : QTableView(parent)
    , m_analysis(analysis)
    , m_model(new StrideMatrixModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    setModel(m_proxy);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(KindColumn, QHeaderView::ResizeToContents);
    const int cellWidth = fontMetrics().horizontalAdvance(QStringLiteral("Total")) + 24;
    for (int c = FirstStrideColumn; c <= TotalColumn; ++c) {
        horizontalHeader()->setSectionResizeMode(c, QHeaderView::Fixed);
        horizontalHeader()->resizeSection(c, cellWidth);
    }
    // Model order (boundaries, elements, flows) until the reader picks a column.
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    setSortingEnabled(true);

    connect(m_analysis, &AnalysisController::analysisUpdated, this, &StrideMatrixView::refresh);
    connect(this, &QAbstractItemView::doubleClicked, this, &StrideMatrixView::onDoubleClicked);
    refresh();
}

StrideMatrixView::~StrideMatrixView() = default;

int StrideMatrixView::columnFor(QChar stride)
{
    if (stride.isNull())
        return TotalColumn;
    const int letter = strideIndex(stride.toLatin1());
    return letter >= 0 ? FirstStrideColumn + letter : -1;
}

void StrideMatrixView::refresh()
{
    // Keep the reader's place across the reset.
    QString currentId;
    int currentColumn = -1;
    const QModelIndex current = currentIndex();
    if (current.isValid()) {
        currentId = current.data(IdRole).toString();
        currentColumn = current.column();
    }
    m_model->reload(*m_analysis->document(), m_analysis->result());
    if (!currentId.isEmpty()) {
        const int r = m_model->rowOf(currentId);
        if (r >= 0)
            setCurrentIndex(m_proxy->mapFromSource(m_model->index(r, currentColumn)));
    }
}

void StrideMatrixView::changeEvent(QEvent *event)
{
    QTableView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_model->paletteChanged();
}

void StrideMatrixView::onDoubleClicked(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString id = index.data(IdRole).toString();
    const int c = index.column() - FirstStrideColumn;
    Q_EMIT subjectActivated(id, c >= 0 && c < 6 ? QChar(QLatin1Char(strideLetters[std::size_t(c)]))
                                                : QChar());
}

QStringList StrideMatrixView::subjectIds() const
{
    QStringList ids;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        ids.append(m_proxy->index(r, 0).data(IdRole).toString());
    return ids;
}

int StrideMatrixView::openCount(const QString &subjectId, QChar stride) const
{
    const StrideMatrixModel::Row *row = m_model->row(m_model->rowOf(subjectId));
    const int c = columnFor(stride) - FirstStrideColumn;
    return row && c >= 0 ? row->cells[std::size_t(c)].counts.open : 0;
}

std::optional<Severity> StrideMatrixView::worstSeverity(const QString &subjectId,
                                                        QChar stride) const
{
    const StrideMatrixModel::Row *row = m_model->row(m_model->rowOf(subjectId));
    const int c = columnFor(stride) - FirstStrideColumn;
    return row && c >= 0 ? row->cells[std::size_t(c)].counts.worst : std::nullopt;
}

QColor StrideMatrixView::cellColor(const QString &subjectId, QChar stride) const
{
    const QModelIndex index = indexFor(subjectId, stride);
    return index.isValid() ? index.data(Qt::BackgroundRole).value<QColor>() : QColor();
}

QModelIndex StrideMatrixView::indexFor(const QString &subjectId, QChar stride) const
{
    const int r = m_model->rowOf(subjectId);
    const int column = columnFor(stride);
    if (r < 0 || column < 0)
        return {};
    return m_proxy->mapFromSource(m_model->index(r, column));
}

} // namespace bulkhead

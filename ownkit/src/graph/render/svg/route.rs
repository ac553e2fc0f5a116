//! Step 5 of the layout: the rows' heights, the boxes' places, and every
//! edge's route and label.

use alloc_crate::vec;
use alloc_crate::vec::Vec;

use super::layout::{
    BoxSpec, EMPTY_LABEL_ROW, EdgeSpec, LABEL_OFFSET, LOOP_REACH, Layered, Layout, Piece, ROW_GAP,
    Rect, Route, Vertex,
};

/// The space around the drawing.
pub(super) const MARGIN: f64 = 20.0;

/// How far apart a box's ports are kept from its corners, as a share of
/// its width on each side.
const PORT_INSET: f64 = 0.2;

/// Places the boxes and routes the edges, with `x` the anchors found in
/// step 4.
pub(super) fn route(layered: &Layered, boxes: &[BoxSpec], edges: &[EdgeSpec], x: &[f64]) -> Layout {
    let rows = layered.rows.len();
    let mut height = vec![0.0_f64; rows];
    for (row, vertices) in layered.rows.iter().enumerate() {
        height[row] = vertices
            .iter()
            .map(|&vertex| match layered.vertices[vertex] {
                Vertex::Box(index) => boxes[index].height,
                Vertex::Dummy { edge, label: true } => edges[edge].label.1,
                Vertex::Dummy { .. } => 0.0,
            })
            .fold(0.0, f64::max);
        if row % 2 == 1 {
            height[row] = height[row].max(EMPTY_LABEL_ROW);
        }
    }
    let mut top = vec![MARGIN; rows];
    for row in 1..rows {
        top[row] = top[row - 1] + height[row - 1] + ROW_GAP;
    }
    let place = |vertex: usize| x[vertex] + MARGIN;

    let boxes_placed: Vec<Rect> = boxes
        .iter()
        .enumerate()
        .map(|(index, spec)| Rect {
            x: place(index) - spec.width / 2.0,
            y: top[2 * spec.depth],
            width: spec.width,
            height: spec.height,
        })
        .collect();

    let ports = Ports::assign(layered, boxes.len(), &boxes_placed, x);
    let mut routes = vec![Route::default(); edges.len()];
    let mut loops_on = vec![0_usize; boxes.len()];
    for (index, edge) in edges.iter().enumerate() {
        routes[index] = if edge.from == edge.to {
            let nth = loops_on[edge.from];
            loops_on[edge.from] += 1;
            self_loop(boxes_placed[edge.from], edge.label, nth)
        } else {
            chain_route(
                layered,
                index,
                edge,
                &Geometry {
                    boxes: &boxes_placed,
                    top: &top,
                    height: &height,
                    anchor: &place,
                    ports: &ports,
                },
            )
        };
    }

    let mut right = 0.0_f64;
    let mut bottom = 0.0_f64;
    for rect in boxes_placed
        .iter()
        .chain(routes.iter().filter_map(|route| route.label.as_ref()))
    {
        right = right.max(rect.right());
        bottom = bottom.max(rect.bottom());
    }
    for route in &routes {
        for point in route.points() {
            right = right.max(point.0);
            bottom = bottom.max(point.1);
        }
    }
    Layout {
        boxes: boxes_placed,
        routes,
        width: right + MARGIN,
        height: bottom + MARGIN,
    }
}

/// What a route needs to know of the placed drawing.
struct Geometry<'a, F: Fn(usize) -> f64> {
    boxes: &'a [Rect],
    top: &'a [f64],
    height: &'a [f64],
    anchor: &'a F,
    ports: &'a Ports,
}

/// Where on its box each edge end attaches: for each edge, the x of its
/// port at the upper box's bottom and at the lower box's top (at the
/// bottom, for an edge within one row).
struct Ports {
    upper: Vec<f64>,
    lower: Vec<f64>,
}

impl Ports {
    /// Spreads the ends on each side of each box in the order of the
    /// vertices they lead to, so that they leave the box without crossing.
    fn assign(layered: &Layered, box_count: usize, boxes: &[Rect], x: &[f64]) -> Ports {
        let edges = layered.chains.len();
        let mut ports = Ports {
            upper: vec![0.0; edges],
            lower: vec![0.0; edges],
        };
        // Per box and side (0 bottom, 1 top): (x of the other end, edge,
        // whether this is the edge's upper end).
        let mut sides: Vec<[Vec<(f64, usize, bool)>; 2]> =
            (0..box_count).map(|_| [Vec::new(), Vec::new()]).collect();
        for (edge, chain) in layered.chains.iter().enumerate() {
            let [first, .., last] = chain.as_slice() else {
                continue;
            };
            let (next, before_last) = (chain[1], chain[chain.len() - 2]);
            sides[*first][0].push((x[next], edge, true));
            let flat = layered.row_of[*first] == layered.row_of[*last];
            sides[*last][usize::from(!flat)].push((x[before_last], edge, false));
        }
        for (index, [bottom, top]) in sides.iter_mut().enumerate() {
            let rect = boxes[index];
            for side in [bottom, top] {
                side.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let count = side.len();
                for (nth, &(_, edge, upper)) in side.iter().enumerate() {
                    let at = if count == 1 {
                        rect.center_x()
                    } else {
                        let span = rect.width * (1.0 - 2.0 * PORT_INSET);
                        rect.x + rect.width * PORT_INSET + span * nth as f64 / (count - 1) as f64
                    };
                    if upper {
                        ports.upper[edge] = at;
                    } else {
                        ports.lower[edge] = at;
                    }
                }
            }
        }
        ports
    }
}

/// The route of an edge laid out as a chain: out of the bottom of its
/// upper box, straight down through each row it crosses, curving between
/// rows, into the top of its lower box; reversed if the edge goes up.
fn chain_route<F: Fn(usize) -> f64>(
    layered: &Layered,
    index: usize,
    edge: &EdgeSpec,
    geometry: &Geometry<'_, F>,
) -> Route {
    let chain = &layered.chains[index];
    let (first, last) = (chain[0], chain[chain.len() - 1]);
    let row_bottom = |row: usize| geometry.top[row] + geometry.height[row];
    let upper_box = geometry.boxes[first];
    let start = (geometry.ports.upper[index], upper_box.bottom());
    let mut points = Path::new(start);
    points.line((start.0, row_bottom(layered.row_of[first])));
    let mut label = None;
    let flat = layered.row_of[first] == layered.row_of[last];
    for &vertex in &chain[1..chain.len() - 1] {
        let row = layered.row_of[vertex];
        let line = (geometry.anchor)(vertex);
        points.curve((line, geometry.top[row]));
        if let Vertex::Dummy { label: true, .. } = layered.vertices[vertex]
            && edge.label.0 > 0.0
        {
            label = Some(Rect {
                x: line + LABEL_OFFSET,
                y: geometry.top[row] + (geometry.height[row] - edge.label.1) / 2.0,
                width: edge.label.0,
                height: edge.label.1,
            });
        }
        if !flat {
            points.line((line, row_bottom(row)));
        }
    }
    let lower_box = geometry.boxes[last];
    let route = if flat {
        // Back up from the turn in the label row into the bottom of the
        // other box of the row.
        let end = (geometry.ports.lower[index], lower_box.bottom());
        points.curve((end.0, row_bottom(layered.row_of[last])));
        points.line(end);
        points.into_route((0.0, -1.0))
    } else {
        let end = (geometry.ports.lower[index], lower_box.y);
        points.curve(end);
        let goes_down = edge.from == first;
        if goes_down {
            points.into_route((0.0, 1.0))
        } else {
            points.reversed().into_route((0.0, -1.0))
        }
    };
    Route { label, ..route }
}

/// A loop from a box back to itself, on its right side; the `nth` of the
/// box's loops reaches a little further out.
fn self_loop(rect: Rect, label: (f64, f64), nth: usize) -> Route {
    let reach = LOOP_REACH + 4.0 * nth as f64;
    let (high, low) = (rect.y + rect.height * 0.3, rect.y + rect.height * 0.7);
    let right = rect.right();
    Route {
        start: (right, high),
        pieces: vec![Piece::Curve([
            (right + reach, high),
            (right + reach, low),
            (right, low),
        ])],
        label: (label.0 > 0.0).then(|| Rect {
            x: right + LOOP_REACH + LABEL_OFFSET,
            y: rect.y + (rect.height - label.1) / 2.0 + label.1 * nth as f64,
            width: label.0,
            height: label.1,
        }),
        arrow: (-1.0, 0.0),
    }
}

/// A route being built from the top down: its points, each reached by a
/// line or by a curve with vertical tangents.
struct Path {
    start: (f64, f64),
    /// Each point, and whether it is reached by a curve.
    points: Vec<((f64, f64), bool)>,
}

impl Path {
    fn new(start: (f64, f64)) -> Path {
        Path {
            start,
            points: Vec::new(),
        }
    }

    fn current(&self) -> (f64, f64) {
        self.points.last().map_or(self.start, |&(point, _)| point)
    }

    fn line(&mut self, to: (f64, f64)) {
        if self.current() != to {
            self.points.push((to, false));
        }
    }

    fn curve(&mut self, to: (f64, f64)) {
        self.points.push((to, true));
    }

    /// The same path walked from its end back to its start.
    fn reversed(self) -> Path {
        let mut all: Vec<(f64, f64)> = vec![self.start];
        all.extend(self.points.iter().map(|&(point, _)| point));
        let kinds: Vec<bool> = self.points.iter().map(|&(_, curve)| curve).collect();
        all.reverse();
        let mut path = Path::new(all[0]);
        for (to, curve) in all[1..].iter().zip(kinds.iter().rev()) {
            path.points.push((*to, *curve));
        }
        path
    }

    /// The pieces: a curve between `a` and `b` leaves and arrives
    /// vertically, its control points halfway between them in height, so
    /// it never leaves the band between their two heights.
    fn into_route(self, arrow: (f64, f64)) -> Route {
        let mut from = self.start;
        let mut pieces = Vec::with_capacity(self.points.len());
        for (to, curve) in self.points {
            pieces.push(if curve {
                let middle = (from.1 + to.1) / 2.0;
                Piece::Curve([(from.0, middle), (to.0, middle), to])
            } else {
                Piece::Line(to.0, to.1)
            });
            from = to;
        }
        Route {
            start: self.start,
            pieces,
            label: None,
            arrow,
        }
    }
}

impl Route {
    /// The route's start, its curves' control points and its ends: every
    /// point its drawing stays within the hull of.
    pub(super) fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        core::iter::once(self.start).chain(self.pieces.iter().flat_map(|piece| {
            let points: Vec<(f64, f64)> = match *piece {
                Piece::Line(x, y) => vec![(x, y)],
                Piece::Curve(points) => points.to_vec(),
            };
            points
        }))
    }
}

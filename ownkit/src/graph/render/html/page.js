// The page's behaviour, on the picture's own data: each box (`g.node`)
// carries its step from its parent (`data-step`), its parent
// (`data-parent`), what it is (`data-type`, `data-counts`, `data-size`...)
// and, in a drop report, its place in the story (`data-story`).
"use strict";
(function () {
    const picture = document.getElementById("picture");
    const boxes = Array.from(picture.querySelectorAll("g.node"));
    const byId = new Map(boxes.map((box) => [box.id, box]));
    const details = document.getElementById("details");

    // A box's path: its parents' steps, then its own.
    function pathOf(box) {
        const steps = [];
        for (let at = box; at; at = byId.get(at.dataset.parent)) {
            steps.push(at.dataset.step);
        }
        return steps.reverse().join("") || "(freed outside any drop)";
    }

    // What the panel on the right says about a box, in this order.
    const fields = [
        ["path", "path"],
        ["type", "type"],
        ["order", "dropped"],
        ["counts", "counts"],
        ["size", "size"],
        ["note", "note"],
        ["hidden", "hidden"],
        ["reason", "uncertain"],
    ];

    function describe(box) {
        details.replaceChildren();
        const heading = document.createElement("h2");
        heading.textContent = Array.from(box.querySelectorAll("text"))
            .map((line) => line.textContent)
            .join(" ");
        const list = document.createElement("dl");
        for (const [key, name] of fields) {
            const value = key === "path" ? pathOf(box) : box.dataset[key];
            if (value === undefined) {
                continue;
            }
            const term = document.createElement("dt");
            term.textContent = name;
            const description = document.createElement("dd");
            description.textContent = value;
            description.dataset.field = key;
            list.append(term, description);
        }
        details.append(heading, list);
    }

    let hovered = null;
    for (const box of boxes) {
        box.addEventListener("mouseenter", () => {
            if (hovered) {
                hovered.classList.remove("hovered");
            }
            hovered = box;
            box.classList.add("hovered");
            describe(box);
        });
    }

    // A large picture opens on its first box (the root), wherever the
    // layout put it.
    if (boxes.length > 0) {
        boxes[0].scrollIntoView({ block: "nearest", inline: "center" });
    }

    // A drop report steps through its story: position `n` means the
    // first `n` things have happened, the last of them just now.
    const story = boxes
        .filter((box) => box.dataset.story !== undefined)
        .sort((a, b) => Number(a.dataset.story) - Number(b.dataset.story));
    const controls = document.getElementById("controls");
    if (story.length === 0 || !controls) {
        return;
    }
    controls.hidden = false;
    const slider = document.getElementById("slider");
    const now = document.getElementById("now");
    slider.max = String(story.length);
    let position = 0;

    function go(to) {
        position = Math.max(0, Math.min(story.length, to));
        story.forEach((box, index) => {
            box.classList.toggle("done", index < position - 1);
            box.classList.toggle("current", index === position - 1);
        });
        slider.value = String(position);
        document.body.dataset.position = String(position);
        if (position === 0) {
            now.textContent = "step 0 of " + story.length + ": nothing dropped yet";
            return;
        }
        const current = story[position - 1];
        const what = current.classList.contains("freed") ? "freed" : "dropping";
        now.textContent =
            "step " + position + " of " + story.length + ": " + what + " " + pathOf(current);
        describe(current);
        current.scrollIntoView({ block: "nearest", inline: "nearest" });
    }

    document.getElementById("first").addEventListener("click", () => go(0));
    document.getElementById("previous").addEventListener("click", () => go(position - 1));
    document.getElementById("next").addEventListener("click", () => go(position + 1));
    document.getElementById("last").addEventListener("click", () => go(story.length));
    slider.addEventListener("input", () => go(Number(slider.value)));
    document.addEventListener("keydown", (event) => {
        if (event.key === "ArrowRight") {
            go(position + 1);
        } else if (event.key === "ArrowLeft") {
            go(position - 1);
        }
    });
    // `#step=4` opens the page at that step, so a step can be linked to.
    const linked = /^#step=(\d+)$/.exec(location.hash);
    go(linked ? Number(linked[1]) : 0);
})();

// storyline's own script: zooming the timeline. Everything else works without it.
"use strict";

// How much one click on + or − widens or narrows the timeline, and the widest it gets.
const ZOOM_STEP = 1.6;
const MAX_ZOOM = 40;

function setUpTimeline(section) {
  const svg = section.querySelector("svg.tl");
  const frame = section.querySelector(".tl-scroll");
  if (!svg || !frame) return;
  let zoom = 1;
  function apply(newZoom, anchor) {
    // Keep the point under the anchor (a fraction of the visible width) in place.
    const before = (frame.scrollLeft + anchor * frame.clientWidth) / svg.clientWidth;
    zoom = Math.min(MAX_ZOOM, Math.max(1, newZoom));
    svg.setAttribute("width", `${zoom * 100}%`);
    frame.scrollLeft = before * svg.clientWidth - anchor * frame.clientWidth;
  }
  section.querySelectorAll("button[data-zoom]").forEach((button) => {
    button.addEventListener("click", () => {
      const how = button.dataset.zoom;
      if (how === "in") apply(zoom * ZOOM_STEP, 0.5);
      else if (how === "out") apply(zoom / ZOOM_STEP, 0.5);
      else apply(1, 0);
    });
  });
  frame.addEventListener("wheel", (event) => {
    if (!event.ctrlKey) return; // plain wheel scrolls the page as usual
    event.preventDefault();
    const anchor = (event.clientX - frame.getBoundingClientRect().left) / frame.clientWidth;
    apply(event.deltaY < 0 ? zoom * ZOOM_STEP : zoom / ZOOM_STEP, anchor);
  }, { passive: false });
}

document.querySelectorAll(".timeline").forEach(setUpTimeline);

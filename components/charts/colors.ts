import type { Tier } from "@/db/schema/scoring";

// The tier badges' hues (components/ui/tier-badge.tsx), dark enough for bars on white.
export const tierColors: Record<Tier, string> = {
  ordinary: "#78716c",
  silver: "#64748b",
  gold: "#d97706",
  diamond: "#0284c7",
  crown: "#c026d3",
};

export const brandColor = "#c8441d";
export const upColor = "#15803d";
export const downColor = "#b91c1c";
export const mutedColor = "#a8a29e";

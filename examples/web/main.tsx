import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { connectLiveUpdates } from "./live.js";

connectLiveUpdates();
createRoot(document.getElementById("root")!).render(<App />);

export {}; console.log("server todo")

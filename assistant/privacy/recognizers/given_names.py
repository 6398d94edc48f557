"""Common English given names, for spotting unknown English names in notes ("Sarah Johnson
called"). Names that are also everyday English words (May, June, April, Grace, Hope, Faith,
Joy, Will, Mark, Bill, Frank, Rose, Summer, Dawn, Guy, Art, Chase, Hunter ...) are left out on
purpose: "Grace Period" or "Will Pay" must not become a person. Extend freely."""

_GIVEN_NAMES_TEXT = """
    aaron adam adrian aidan alan albert alex alexander alexandra alice alicia alison amanda
    amber amelia amy andrea andrew angela anna anne annie anthony antonio ashley austin
    barbara benjamin beth betty beverly blake bonnie brandon brenda brian brittany bruce bryan
    caleb cameron carl carlos carol caroline carolyn catherine charles charlie charlotte
    chelsea cheryl chloe chris christian christina christine christopher cindy claire
    clara connor courtney craig cynthia daniel danielle david deborah debra denise dennis
    derek diana diane donald donna doris dorothy douglas dylan edward elaine eleanor elijah
    elizabeth ella ellen emily emma eric erica erin ethan eugene eva evan evelyn fiona
    florence gabriel gary george gerald gloria gordon grant greg gregory hannah harold harry
    heather helen henry howard ian isaac isabel isabella jacob jacqueline james jamie jane
    janet janice jason jean jeffrey jennifer jeremy jerry jesse jessica joan joanna joe joel
    john jonathan jordan jose joseph joshua joyce juan judith julia julian julie justin karen
    katherine kathleen kathryn katie keith kelly kenneth kevin kimberly kyle laura lauren
    lawrence leah leo leonard lilian lillian linda lisa logan lois lorraine louis louise
    lucas lucy luis luke lydia madison margaret maria marie marilyn martha martin mary
    matthew megan melanie melissa michael michelle miguel mildred natalie nathan nathaniel
    nicholas nicole noah norma olivia oscar pamela patricia patrick paul paula peter philip
    phillip rachel ralph raymond rebecca richard robert robin roger ronald ruby russell ruth
    ryan samantha samuel sandra sara sarah scott sean sharon shirley simon sophia sophie
    stephanie stephen steven susan teresa terry theresa thomas timothy tina todd tyler
    valerie vanessa victor victoria vincent virginia walter wayne wendy william zachary zoe
    marcus oliver felix hugo liam owen ivan nina elena
    """
GIVEN_NAMES = frozenset(_GIVEN_NAMES_TEXT.split())
